namespace ImnmDecision.CdsHooks.Codes;

/// <summary>Unit spellings (UCUM codes and common display forms) accepted for each unit the findings know.</summary>
internal sealed class UnitAliases
{
    /// <summary>Spellings of units per litre (U/L, IU/L, [IU]/L).</summary>
    public List<string> UnitsPerLitre { get; set; } = [];

    /// <summary>Spellings of microkatal per litre (ukat/L).</summary>
    public List<string> MicrokatalPerLitre { get; set; } = [];

    /// <summary>Spellings of nanokatal per litre (nkat/L), converted to ukat/L.</summary>
    public List<string> NanokatalPerLitre { get; set; } = [];

    /// <summary>Spellings of kilograms.</summary>
    public List<string> Kilograms { get; set; } = [];

    /// <summary>Spellings of pounds (converted to kg).</summary>
    public List<string> Pounds { get; set; } = [];

    /// <summary>Spellings of grams (converted to kg).</summary>
    public List<string> Grams { get; set; } = [];
}
