namespace ImnmDecision.CdsHooks.Codes;

/// <summary>How statins are recognised: RxNorm and ATC codes, ATC class prefixes, and names in display text.</summary>
internal sealed class StatinCodeLists
{
    /// <summary>The RxNorm code system URI.</summary>
    public string RxNormSystem { get; set; } = "http://www.nlm.nih.gov/research/umls/rxnorm";

    /// <summary>The ATC code system URI.</summary>
    public string AtcSystem { get; set; } = "http://www.whocc.no/atc";

    /// <summary>ATC prefixes that denote a statin or a statin combination (C10AA, C10BA, C10BX).</summary>
    public List<string> AtcPrefixes { get; set; } = [];

    /// <summary>Each statin ingredient with its codes and the names (generic and brand) that identify it in text.</summary>
    public List<StatinIngredient> Ingredients { get; set; } = [];

    /// <summary>Local or product codes that denote a statin, each naming its ingredient where known.</summary>
    public List<StatinLocalCode> LocalCodes { get; set; } = [];
}
