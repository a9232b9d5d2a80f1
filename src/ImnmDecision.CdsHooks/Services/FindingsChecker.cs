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

    /// <summary>
    /// The findings without the field an error names: a CK, an antibody panel or a biopsy goes whole (a part of one
    /// means nothing alone); any other field goes alone.
    /// </summary>
    private static Findings Without(Findings findings, string path)
    {
        if (!FindingsSchema.TryGet(path, out var field))
        {
            return findings;
        }

        var builder = findings.ToBuilder();
        var whole = field.Section is "ck" or "antibodies" or "biopsy";
        foreach (var remove in whole ? FindingsSchema.FieldsOf(field.Section!) : [field])
        {
            builder.Remove(remove.Path);
        }

        return builder.Build();
    }
}
