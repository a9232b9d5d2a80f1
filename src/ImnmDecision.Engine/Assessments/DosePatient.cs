namespace ImnmDecision.Engine.Assessments;

/// <summary>What a dose is computed from: weight, height, body surface area, whether a child, and sex (for ideal body weight).</summary>
internal readonly record struct DosePatient(double? WeightKg, double? HeightCm, double? BodySurfaceArea, bool? Child, bool Male);
