namespace ImnmDecision.Engine.Rules;

/// <summary>What a rule decides, in evaluation order.</summary>
public enum RuleKind
{
    /// <summary>The subtype: the first rule that holds decides.</summary>
    Subtype,
    /// <summary>The certainty of a graded subtype: the first rule that holds decides.</summary>
    Certainty,
    /// <summary>A red-flag alert.</summary>
    Alert,
    /// <summary>A treatment option, with its dose and cautions.</summary>
    Treatment,
    /// <summary>A workup checklist item.</summary>
    Workup,
}
