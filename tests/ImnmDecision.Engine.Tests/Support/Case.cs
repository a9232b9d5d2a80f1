using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Tests.Support;

/// <summary>A findings builder that states only what a test cares about.</summary>
internal sealed record Case
{
    private Findings findings = new();

    public static Case WithCk(double value, double? uln = null, CkUnit unit = CkUnit.UnitsPerLitre) =>
        new Case().Ck(value, uln, unit);

    public static Case Empty() => new();

    public Case Ck(double value, double? uln = null, CkUnit? unit = CkUnit.UnitsPerLitre) =>
        With(findings with { Ck = new CkFindings { Value = value, UpperLimitOfNormal = uln, Unit = unit } });

    public Case Antibodies(AntibodyResult? hmgcr = null, AntibodyResult? srp = null, params MyositisAntibody[]? others) =>
        With(findings with { Antibodies = new AntibodyFindings { Hmgcr = hmgcr, Srp = srp, OtherMyositisSpecific = others } });

    public Case Weakness(WeaknessGrade grade, Onset? onset = null) =>
        With(findings with { Clinical = (findings.Clinical ?? new ClinicalFindings()) with { ProximalWeakness = grade, Onset = onset } });

    public Case Clinical(ClinicalFindings clinical) => With(findings with { Clinical = clinical });

    public Case Statin(StatinExposure exposure) => With(findings with { Statin = new StatinFindings { Exposure = exposure } });

    public Case Biopsy(BiopsyPattern pattern) => With(findings with { Biopsy = new BiopsyFindings { Performed = true, Pattern = pattern } });

    public Case Patient(Sex? sex = null, double? ageYears = null, double? weightKg = null, bool? pregnant = null) =>
        With(findings with { Patient = new PatientFindings { Sex = sex, AgeYears = ageYears, WeightKg = weightKg, Pregnant = pregnant } });

    public Case Comorbidities(ComorbidityFindings comorbidities) => With(findings with { Comorbidities = comorbidities });

    public Findings Build() => findings;

    private Case With(Findings next) => this with { findings = next };
}
