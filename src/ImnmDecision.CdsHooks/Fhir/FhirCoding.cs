namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>A Coding's three strings, read safely from Firely's POCO (any of them may be absent).</summary>
internal readonly record struct FhirCoding(string? System, string? Code, string? Display);
