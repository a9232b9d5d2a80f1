namespace ImnmDecision.CdsHooks.Codes;

/// <summary>One statin ingredient.</summary>
internal sealed class StatinIngredient
{
    /// <summary>The generic name reported as <c>statin.drug</c>, for example <c>atorvastatin</c>.</summary>
    public string Name { get; set; } = "";

    /// <summary>RxNorm ingredient (and, if wanted, product) codes.</summary>
    public List<string> RxNorm { get; set; } = [];

    /// <summary>ATC codes of the single-ingredient product.</summary>
    public List<string> Atc { get; set; } = [];

    /// <summary>Words that identify it in a medication's display text (generic and brand names), matched as whole words, case-insensitively.</summary>
    public List<string> Text { get; set; } = [];
}
