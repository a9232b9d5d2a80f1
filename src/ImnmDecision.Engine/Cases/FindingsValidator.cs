using FluentValidation;

namespace ImnmDecision.Engine.Cases;

/// <summary>
/// Checks findings against the v1 contract: every check of <see cref="FindingsCheck.All"/> (derived from the
/// findings schema). Errors are keyed by JSON path (<c>ck.value</c>) and never repeat the value sent, so they are
/// safe to log and to return.
/// </summary>
public sealed class FindingsValidator : AbstractValidator<Findings>
{
    /// <summary>Longest accepted caseId.</summary>
    public const int MaxCaseIdLength = 64;

    /// <summary>Creates the validator.</summary>
    public FindingsValidator()
    {
        RuleFor(f => f).Custom((findings, context) =>
        {
            foreach (var check in FindingsCheck.All)
            {
                if (!check.Holds(findings.Values))
                {
                    context.AddFailure(check.Path, check.Message);
                }
            }
        });
    }
}
