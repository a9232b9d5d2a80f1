namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>How precise a FHIR date is.</summary>
internal enum DatePrecision
{
    /// <summary>Year only (<c>1961</c>).</summary>
    Year,
    /// <summary>Year and month (<c>1961-04</c>).</summary>
    Month,
    /// <summary>A full date (<c>1961-04-12</c>).</summary>
    Day,
    /// <summary>A date with a time.</summary>
    Time,
}
