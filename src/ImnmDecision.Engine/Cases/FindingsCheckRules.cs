using FluentValidation;

namespace ImnmDecision.Engine.Cases;

/// <summary>Names a FluentValidation rule after a <see cref="FindingsCheck"/>.</summary>
internal static class FindingsCheckRules
{
    /// <summary>The rule's errors are keyed by the check's path and read as its message.</summary>
    public static IRuleBuilderOptions<Findings, TProperty> As<TProperty>(this IRuleBuilderOptions<Findings, TProperty> rule, FindingsCheck check) =>
        rule.OverridePropertyName(check.Path).WithMessage(check.Message);
}
