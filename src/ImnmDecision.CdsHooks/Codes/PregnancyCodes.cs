using System.Collections.Frozen;
using Hl7.Fhir.Model;
using ImnmDecision.CdsHooks.Fhir;

namespace ImnmDecision.CdsHooks.Codes;

/// <summary>The pregnancy code lists (see <see cref="PregnancyCodeLists"/>) compiled into lookups. Immutable and thread-safe.</summary>
internal sealed class PregnancyCodes
{
    private readonly FrozenSet<string> observations;
    private readonly FrozenSet<string> conditions;
    private readonly FrozenDictionary<string, bool> answers;

    public PregnancyCodes(PregnancyCodeLists lists, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(lists);
        ArgumentNullException.ThrowIfNull(errors);
        observations = CodeBook.Keys(lists.Observations, "pregnancy.observations", errors).ToFrozenSet(StringComparer.Ordinal);
        conditions = CodeBook.Keys(lists.Conditions, "pregnancy.conditions", errors).ToFrozenSet(StringComparer.Ordinal);
        var pregnant = CodeBook.Keys(lists.Pregnant, "pregnancy.pregnant", errors).ToHashSet(StringComparer.Ordinal);
        var notPregnant = CodeBook.Keys(lists.NotPregnant, "pregnancy.notPregnant", errors).ToHashSet(StringComparer.Ordinal);
        foreach (var both in pregnant.Intersect(notPregnant, StringComparer.Ordinal))
        {
            errors.Add($"pregnancy: the code {both} is listed as pregnant and as not pregnant.");
        }

        if (lists.ConditionCurrentForWeeks is <= 0)
        {
            errors.Add("pregnancy: conditionCurrentForWeeks must be a positive number of weeks.");
        }

        if (lists.NotPregnantCurrentForDays is < 0)
        {
            errors.Add("pregnancy: notPregnantCurrentForDays must be 0 or a positive number of days.");
        }

        ConditionCurrentForWeeks = lists.ConditionCurrentForWeeks;
        NotPregnantCurrentForDays = lists.NotPregnantCurrentForDays;
        answers = pregnant.Select(k => KeyValuePair.Create(k, true))
            .Concat(notPregnant.Select(k => KeyValuePair.Create(k, false)))
            .DistinctBy(p => p.Key, StringComparer.Ordinal)
            .ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>Weeks after its onset when an active pregnancy Condition is out of date; <c>null</c> for no limit.</summary>
    public int? ConditionCurrentForWeeks { get; }

    /// <summary>Days a "not pregnant" status result stands for today; <c>null</c> for no limit.</summary>
    public int? NotPregnantCurrentForDays { get; }

    /// <summary>Whether an Observation code is a pregnancy status.</summary>
    public bool IsStatus(CodeableConcept? code) => CodeBook.Matches(code, observations);

    /// <summary>Whether a Condition code records a pregnancy.</summary>
    public bool IsPregnancyCondition(CodeableConcept? code) => CodeBook.Matches(code, conditions);

    /// <summary>
    /// A coded answer read as pregnant (true) or not pregnant (false), with the code that said so; <c>null</c> when
    /// no coding is a configured answer, or when the codings say both.
    /// </summary>
    public (bool Pregnant, string Code)? Answer(CodeableConcept? value)
    {
        (bool Pregnant, string Code)? found = null;
        foreach (var coding in FhirValues.Codings(value))
        {
            if (!answers.TryGetValue(CodeBook.Key(coding.System, coding.Code), out var pregnant))
            {
                continue;
            }

            if (found is { } earlier && earlier.Pregnant != pregnant)
            {
                return null;
            }

            found ??= (pregnant, coding.Code!.Trim());
        }

        return found;
    }
}
