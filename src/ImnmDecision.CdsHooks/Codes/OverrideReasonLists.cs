namespace ImnmDecision.CdsHooks.Codes;

/// <summary>Override reasons offered on cards (CDS Hooks <c>overrideReasons</c>), per card kind.</summary>
internal sealed class OverrideReasonLists
{
    /// <summary>The code system of the reasons.</summary>
    public string System { get; set; } = "urn:imnm-decision:cds-override-reason";

    /// <summary>Reasons offered on the assessment (subtype) card.</summary>
    public List<CodeRef> Assessment { get; set; } = [];

    /// <summary>Reasons offered on the statin-order warning.</summary>
    public List<CodeRef> StatinOrder { get; set; } = [];
}
