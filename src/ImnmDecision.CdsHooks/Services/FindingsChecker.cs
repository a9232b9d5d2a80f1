using FluentValidation;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// Runs the engine's findings validator over mapped findings. A value the contract does not accept (an age over
/// 120 from a wrong birth date, a weight out of range) is dropped, so it stays unknown and is reported, instead
/// of failing the whole hook call. Returns <c>null</c> when nothing is left to assess.
/// </summary>
internal sealed class FindingsChecker(IValidator<Findings> validator)
{
    public Findings? Check(Findings findings, ICollection<string> notes)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(notes);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var result = validator.Validate(findings);
            if (result.IsValid)
            {
                return findings;
            }

            var paths = result.Errors.Select(e => e.PropertyName).Distinct(StringComparer.Ordinal).ToList();
            if (paths.Contains("$"))
            {
                return null;
            }

            foreach (var path in paths)
            {
                notes.Add($"A mapped value ({Cards.CardText.Field(path)}) is outside what the assessment accepts and was left out.");
                findings = Without(findings, path);
            }
        }

        return validator.Validate(findings).IsValid ? findings : null;
    }

    private static Findings Without(Findings findings, string path) => path switch
    {
        "patient.ageYears" => findings with { Patient = findings.Patient! with { AgeYears = null } },
        "patient.weightKg" => findings with { Patient = findings.Patient! with { WeightKg = null } },
        "patient.sex" => findings with { Patient = findings.Patient! with { Sex = null } },
        "patient.pregnant" => findings with { Patient = findings.Patient! with { Pregnant = null } },
        var p when p.StartsWith("ck.", StringComparison.Ordinal) => findings with { Ck = null },
        var p when p.StartsWith("biopsy", StringComparison.Ordinal) => findings with { Biopsy = null },
        var p when p.StartsWith("statin.", StringComparison.Ordinal) => findings with { Statin = findings.Statin! with { Drug = null } },
        var p when p.StartsWith("antibodies.", StringComparison.Ordinal) => findings with { Antibodies = null },
        _ => findings,
    };
}
