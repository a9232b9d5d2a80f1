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
        // Declared in the order of FindingsCheck.All (the batch precheck tells broken checks by that order).
        RuleFor(f => f).Must(f => FindingValues.From(f).HasAnyFinding).As(FindingsCheck.NoFindings);
        RuleFor(f => f.CaseId).MaximumLength(MaxCaseIdLength).As(FindingsCheck.CaseIdLength);

        When(f => f.Patient is not null, () =>
        {
            RuleFor(f => f.Patient!.AgeYears).InclusiveBetween(0, 120).As(FindingsCheck.AgeYears);
            RuleFor(f => f.Patient!.Sex).IsInEnum().As(FindingsCheck.Sex);
            RuleFor(f => f.Patient!.WeightKg).InclusiveBetween(1, 400).As(FindingsCheck.WeightKg);
            RuleFor(f => f.Patient!.Pregnant).Must((f, pregnant) => pregnant != true || f.Patient!.Sex != Sex.Male).As(FindingsCheck.Pregnant);
        });

        When(f => f.Ck is not null, () =>
        {
            RuleFor(f => f.Ck!.Value).Must(v => v is null || (double.IsFinite(v.Value) && v >= 0)).As(FindingsCheck.CkValue);
            RuleFor(f => f.Ck!.Unit).IsInEnum().As(FindingsCheck.CkUnit);
            RuleFor(f => f.Ck!.UpperLimitOfNormal).Must(v => v is null || (double.IsFinite(v.Value) && v > 0)).As(FindingsCheck.CkUpperLimitOfNormal);
        });

        When(f => f.Antibodies is not null, () =>
        {
            RuleFor(f => f.Antibodies!.Hmgcr).IsInEnum().As(FindingsCheck.Hmgcr);
            RuleFor(f => f.Antibodies!.Srp).IsInEnum().As(FindingsCheck.Srp);
            RuleForEach(f => f.Antibodies!.OtherMyositisSpecific).IsInEnum().As(FindingsCheck.OtherMyositisSpecific);
        });

        When(f => f.Biopsy is not null, () =>
        {
            RuleFor(f => f.Biopsy!.Pattern).IsInEnum().As(FindingsCheck.BiopsyPattern);
            RuleFor(f => f.Biopsy!).Must(b => b.Performed != false || (b.Pattern is null && b.Mhc1Diffuse is null && b.SarcolemmalMac is null))
                .As(FindingsCheck.BiopsyPerformed);
        });

        When(f => f.Statin is not null, () =>
        {
            RuleFor(f => f.Statin!.Exposure).IsInEnum().As(FindingsCheck.StatinExposure);
            RuleFor(f => f.Statin!.Drug).MaximumLength(64).As(FindingsCheck.StatinDrug);
        });

        When(f => f.Clinical is not null, () =>
        {
            RuleFor(f => f.Clinical!.ProximalWeakness).IsInEnum().As(FindingsCheck.ProximalWeakness);
            RuleFor(f => f.Clinical!.Onset).IsInEnum().As(FindingsCheck.Onset);
        });
    }
}
