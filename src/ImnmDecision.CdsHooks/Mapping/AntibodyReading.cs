using ImnmDecision.Engine.Cases;

namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// An antibody result as mapped: which antibody, how it reads, when, and what it was read from. When a positive
/// result in the record is followed by a negative one, the reading is equivocal and <see cref="EarlierPositive"/>
/// keeps the positive beside the later negative.
/// </summary>
internal sealed record AntibodyReading(string Kind, AntibodyResult Result, ClinicalDate? When, string Basis)
{
    /// <summary>The most recent positive result that a later negative one follows, if any.</summary>
    public AntibodyReading? EarlierPositive { get; init; }

    /// <summary>Whether the record shows this antibody positive at any time.</summary>
    public bool PositiveInRecord => Result == AntibodyResult.Positive || EarlierPositive is not null;

    /// <summary>One line for the card: "Anti-HMGCR positive on 2024-03-05 (interpretation POS)".</summary>
    public string Describe() => EarlierPositive is { } positive
        ? $"{AntibodyNames.Of(Kind)} positive on {positive.DateText} ({positive.Basis}) and negative on {DateText} ({Basis}): read as equivocal until a clinician resolves it"
        : $"{AntibodyNames.Of(Kind)} {AntibodyNames.Result(Result)} on {DateText} ({Basis})";

    /// <summary>The date as shown on cards.</summary>
    public string DateText => When?.Display ?? "an undated result";
}
