using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// The sections the CDS door maps from FHIR, as the mappers find them; <see cref="ToFindings"/> turns them into the
/// engine's findings. A section without data is null (unknown), never guessed.
/// </summary>
internal sealed record MappedSections
{
    public PatientFindings? Patient { get; init; }

    public CkFindings? Ck { get; init; }

    public AntibodyFindings? Antibodies { get; init; }

    public BiopsyFindings? Biopsy { get; init; }

    public StatinFindings? Statin { get; init; }

    /// <summary>Boolean findings by path (labs, signs, weakness patterns, biopsy items); absent paths are unknown.</summary>
    public IReadOnlyDictionary<string, bool> Booleans { get; init; } = new Dictionary<string, bool>();

    /// <summary>Whole years since the muscle symptoms began, when a Condition's onset shows it.</summary>
    public double? SymptomOnsetYearsAgo { get; init; }

    /// <summary>The engine's findings of these sections.</summary>
    public Findings ToFindings()
    {
        var builder = Builder();
        foreach (var (path, value) in Booleans)
        {
            builder.Boolean(path, value);
        }

        return builder.Number("clinical.symptomOnsetYearsAgo", SymptomOnsetYearsAgo).Build();
    }

    private FindingsBuilder Builder() => new FindingsBuilder()
        .Number("patient.ageYears", Patient?.AgeYears)
        .Choice("patient.sex", Patient?.Sex)
        .Number("patient.weightKg", Patient?.WeightKg)
        .Boolean("patient.pregnant", Patient?.Pregnant)
        .Number("ck.value", Ck?.Value)
        .Choice("ck.unit", Ck?.Unit)
        .Number("ck.upperLimitOfNormal", Ck?.UpperLimitOfNormal)
        .Choice("ck.comparator", Ck?.Comparator)
        .Choice("antibodies.hmgcr", Antibodies?.Hmgcr)
        .Choice("antibodies.srp", Antibodies?.Srp)
        .Set("antibodies.otherMyositisSpecific", Antibodies?.OtherMyositisSpecific?.Select(a => JsonNames.Name(a)))
        .Boolean("biopsy.performed", Biopsy?.Performed)
        .Choice("biopsy.pattern", Biopsy?.Pattern)
        .Boolean("biopsy.mhc1Diffuse", Biopsy?.Mhc1Diffuse)
        .Boolean("biopsy.sarcolemmalMac", Biopsy?.SarcolemmalMac)
        .Choice("statin.exposure", Statin?.Exposure)
        .Text("statin.drug", Statin?.Drug)
        .Number("statin.stoppedWeeksAgo", Statin?.StoppedWeeksAgo);
}
