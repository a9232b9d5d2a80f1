using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Tests.Support;

/// <summary>A findings builder that states only what a test cares about; each section method replaces that section.</summary>
internal sealed record Case
{
    private Findings findings = new FindingsBuilder().Build();

    public static Case WithCk(double value, double? uln = null, CkUnit unit = CkUnit.UnitsPerLitre) =>
        new Case().Ck(value, uln, unit);

    public static Case Empty() => new();

    public Case Ck(double value, double? uln = null, CkUnit? unit = CkUnit.UnitsPerLitre) =>
        Section("ck", b => b.Number("ck.value", value).Number("ck.upperLimitOfNormal", uln).Choice("ck.unit", unit));

    public Case Antibodies(AntibodyResult? hmgcr = null, AntibodyResult? srp = null, params MyositisAntibody[]? others) =>
        Section("antibodies", b => b.Choice("antibodies.hmgcr", hmgcr).Choice("antibodies.srp", srp)
            .Set("antibodies.otherMyositisSpecific", others?.Select(a => Serialization.JsonNames.Name(a))));

    public Case Weakness(WeaknessGrade grade, Onset? onset = null) =>
        With(findings.ToBuilder().Choice("clinical.proximalWeakness", grade).Choice("clinical.onset", onset));

    /// <summary>Sets clinical fields by path (booleans and choices as the contract spells them), replacing the section.</summary>
    public Case Clinical(params (string Field, object Value)[] values) => Section("clinical", b => Fill(b, "clinical", values));

    public Case Statin(StatinExposure exposure) => Section("statin", b => b.Choice("statin.exposure", exposure));

    public Case Biopsy(BiopsyPattern pattern) => Section("biopsy", b => b.Boolean("biopsy.performed", true).Choice("biopsy.pattern", pattern));

    public Case Patient(Sex? sex = null, double? ageYears = null, double? weightKg = null, bool? pregnant = null, double? heightCm = null) =>
        Section("patient", b => b.Choice("patient.sex", sex).Number("patient.ageYears", ageYears).Number("patient.weightKg", weightKg)
            .Boolean("patient.pregnant", pregnant).Number("patient.heightCm", heightCm));

    /// <summary>Sets comorbidity flags by name (<c>renalImpairment</c>), replacing the section.</summary>
    public Case Comorbidities(params (string Field, object Value)[] values) => Section("comorbidities", b => Fill(b, "comorbidities", values));

    public Findings Build() => findings;

    private static FindingsBuilder Fill(FindingsBuilder builder, string section, (string Field, object Value)[] values)
    {
        foreach (var (name, value) in values)
        {
            var path = $"{section}.{name}";
            _ = value switch
            {
                bool flag => builder.Boolean(path, flag),
                double number => builder.Number(path, number),
                WeaknessGrade grade => builder.Choice(path, grade),
                Onset onset => builder.Choice(path, onset),
                _ => throw new ArgumentException($"{path}: unsupported value", nameof(values)),
            };
        }

        return builder;
    }

    private Case Section(string section, Func<FindingsBuilder, FindingsBuilder> set)
    {
        var builder = findings.ToBuilder();
        foreach (var field in FindingsSchema.FieldsOf(section))
        {
            builder.Remove(field.Path);
        }

        return With(set(builder));
    }

    private Case With(FindingsBuilder next) => this with { findings = next.Build() };
}
