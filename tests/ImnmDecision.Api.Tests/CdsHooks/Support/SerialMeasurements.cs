namespace ImnmDecision.Api.Tests.CdsHooks.Support;

/// <summary>Runs the memory-measuring FHIR server tests alone.</summary>
[CollectionDefinition(FhirServerSafetyTests.Serial, DisableParallelization = true)]
public sealed class SerialMeasurements;
