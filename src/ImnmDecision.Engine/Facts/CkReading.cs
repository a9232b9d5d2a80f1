namespace ImnmDecision.Engine.Facts;

/// <summary>The CK facts of one reading (NaN for unknown): U/L, the ULN in U/L, CK as a multiple of it, raised (1 or 0).</summary>
internal readonly record struct CkReading(double UnitsPerLitre, double UpperLimitUnitsPerLitre, double TimesUpperLimit, double Elevated);
