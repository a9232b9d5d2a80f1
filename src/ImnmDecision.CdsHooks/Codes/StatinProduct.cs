namespace ImnmDecision.CdsHooks.Codes;

/// <summary>One RxNorm concept that contains a statin (an entry of the shipped ingredient closure).</summary>
internal sealed class StatinProduct
{
    /// <summary>The RxNorm code (RXCUI).</summary>
    public string Code { get; set; } = "";

    /// <summary>The RxNorm term type (IN, SCD, SBD, SCDC, SBDC, BN, GPCK, BPCK, SCDG, SBDG...).</summary>
    public string? Tty { get; set; }

    /// <summary>The RxNorm name, for people reading the file; never used for matching.</summary>
    public string? Display { get; set; }

    /// <summary>The statin ingredients it contains (generic names).</summary>
    public List<string> Ingredients { get; set; } = [];
}
