using FluentValidation;

namespace ImnmDecision.Engine.Cases;

/// <summary>
/// Checks findings against the v1 contract's field table. Errors are keyed by JSON path (<c>ck.value</c>)
/// and never repeat the value sent, so they are safe to log and to return.
/// </summary>
public sealed class FindingsValidator : AbstractValidator<Findings>
{
    /// <summary>Longest accepted caseId.</summary>
    public const int MaxCaseIdLength = 64;

    /// <summary>Creates the validator.</summary>
    public FindingsValidator()
    {
        RuleFor(f => f).Must(f => FindingValues.From(f).HasAnyFinding).OverridePropertyName("$")
            .WithMessage("The case holds no findings; send at least one.");
        RuleFor(f => f.CaseId).MaximumLength(MaxCaseIdLength).OverridePropertyName("caseId")
            .WithMessage($"caseId must be at most {MaxCaseIdLength} characters.");

        When(f => f.Patient is not null, () =>
        {
            RuleFor(f => f.Patient!.AgeYears).InclusiveBetween(0, 120).OverridePropertyName("patient.ageYears")
                .WithMessage("patient.ageYears must be between 0 and 120.");
            RuleFor(f => f.Patient!.Sex).IsInEnum().OverridePropertyName("patient.sex")
                .WithMessage("patient.sex must be male, female, other or unknown.");
            RuleFor(f => f.Patient!.WeightKg).InclusiveBetween(1, 400).OverridePropertyName("patient.weightKg")
                .WithMessage("patient.weightKg must be between 1 and 400.");
            RuleFor(f => f.Patient!.Pregnant).Must((f, pregnant) => pregnant != true || f.Patient!.Sex != Sex.Male)
                .OverridePropertyName("patient.pregnant").WithMessage("patient.pregnant cannot be true when patient.sex is male.");
        });

        When(f => f.Ck is not null, () =>
        {
            RuleFor(f => f.Ck!.Value).Must(v => v is null || (double.IsFinite(v.Value) && v >= 0)).OverridePropertyName("ck.value")
                .WithMessage("ck.value must be a finite number of at least 0.");
            RuleFor(f => f.Ck!.Unit).IsInEnum().OverridePropertyName("ck.unit")
                .WithMessage("ck.unit must be U/L or ukat/L.");
            RuleFor(f => f.Ck!.UpperLimitOfNormal).Must(v => v is null || (double.IsFinite(v.Value) && v > 0)).OverridePropertyName("ck.upperLimitOfNormal")
                .WithMessage("ck.upperLimitOfNormal must be a finite number above 0, in the same unit as ck.value.");
        });

        When(f => f.Antibodies is not null, () =>
        {
            RuleFor(f => f.Antibodies!.Hmgcr).IsInEnum().OverridePropertyName("antibodies.hmgcr")
                .WithMessage("antibodies.hmgcr must be positive, negative, equivocal or not-tested.");
            RuleFor(f => f.Antibodies!.Srp).IsInEnum().OverridePropertyName("antibodies.srp")
                .WithMessage("antibodies.srp must be positive, negative, equivocal or not-tested.");
            RuleForEach(f => f.Antibodies!.OtherMyositisSpecific).IsInEnum().OverridePropertyName("antibodies.otherMyositisSpecific")
                .WithMessage("antibodies.otherMyositisSpecific holds an unknown antibody.");
        });

        When(f => f.Biopsy is not null, () =>
        {
            RuleFor(f => f.Biopsy!.Pattern).IsInEnum().OverridePropertyName("biopsy.pattern")
                .WithMessage("biopsy.pattern is not a known pattern.");
            RuleFor(f => f.Biopsy!).Must(b => b.Performed != false || (b.Pattern is null && b.Mhc1Diffuse is null && b.SarcolemmalMac is null))
                .OverridePropertyName("biopsy.performed").WithMessage("biopsy.performed is false, but biopsy results were given.");
        });

        When(f => f.Statin is not null, () =>
        {
            RuleFor(f => f.Statin!.Exposure).IsInEnum().OverridePropertyName("statin.exposure")
                .WithMessage("statin.exposure must be current, past, never or unknown.");
            RuleFor(f => f.Statin!.Drug).MaximumLength(64).OverridePropertyName("statin.drug")
                .WithMessage("statin.drug must be at most 64 characters.");
        });

        When(f => f.Clinical is not null, () =>
        {
            RuleFor(f => f.Clinical!.ProximalWeakness).IsInEnum().OverridePropertyName("clinical.proximalWeakness")
                .WithMessage("clinical.proximalWeakness must be none, mild, moderate or severe.");
            RuleFor(f => f.Clinical!.Onset).IsInEnum().OverridePropertyName("clinical.onset")
                .WithMessage("clinical.onset must be acute, subacute or chronic.");
        });
    }
}
