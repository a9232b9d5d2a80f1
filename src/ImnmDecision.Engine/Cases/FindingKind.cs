namespace ImnmDecision.Engine.Cases;

/// <summary>What a finding holds, which decides how every door reads, checks and writes it.</summary>
public enum FindingKind
{
    /// <summary>A finite number, within the field's range.</summary>
    Number,

    /// <summary>true or false.</summary>
    Boolean,

    /// <summary>One of the field's choices, spelled exactly as the contract spells it.</summary>
    Choice,

    /// <summary>A set of the field's choices (a JSON array; in CSV separated by <c>;</c> or <c>|</c>, <c>none</c> for the empty set).</summary>
    ChoiceSet,

    /// <summary>Free text (never a finding by itself, never logged).</summary>
    Text,
}
