namespace ImnmDecision.CdsHooks.Codes;

/// <summary>How a qualitative antibody result is read, in the design's order: interpretation, coded value, text.</summary>
internal sealed class ResultCodeLists
{
    /// <summary>Code systems accepted for <c>Observation.interpretation</c> (a coding without a system is accepted too).</summary>
    public List<string> InterpretationSystems { get; set; } = [];

    /// <summary>Interpretation codes meaning positive (POS, H, ...).</summary>
    public List<string> PositiveInterpretations { get; set; } = [];

    /// <summary>Interpretation codes meaning negative (NEG, N, ...).</summary>
    public List<string> NegativeInterpretations { get; set; } = [];

    /// <summary>Interpretation codes meaning equivocal or indeterminate.</summary>
    public List<string> EquivocalInterpretations { get; set; } = [];

    /// <summary>Coded values (<c>valueCodeableConcept</c>) meaning positive, for example SNOMED 10828004.</summary>
    public List<CodeRef> PositiveValues { get; set; } = [];

    /// <summary>Coded values meaning negative, for example SNOMED 260385009.</summary>
    public List<CodeRef> NegativeValues { get; set; } = [];

    /// <summary>Coded values meaning equivocal.</summary>
    public List<CodeRef> EquivocalValues { get; set; } = [];

    /// <summary>Phrases meaning negative in result text; checked first, so "not detected" never reads as "detected".</summary>
    public List<string> NegativeText { get; set; } = [];

    /// <summary>Phrases meaning equivocal in result text; checked second.</summary>
    public List<string> EquivocalText { get; set; } = [];

    /// <summary>Phrases meaning positive in result text; checked last.</summary>
    public List<string> PositiveText { get; set; } = [];

    /// <summary>Words that negate a result phrase; a result text holding one outside the phrases is not read.</summary>
    public List<string> NegationText { get; set; } = [];

    /// <summary>Interpretation codes that call a lab value high (for the <c>labs.*Elevated</c> findings).</summary>
    public List<string> HighInterpretations { get; set; } = [];

    /// <summary>Interpretation codes that call a lab value normal or low (not elevated).</summary>
    public List<string> NotHighInterpretations { get; set; } = [];
}
