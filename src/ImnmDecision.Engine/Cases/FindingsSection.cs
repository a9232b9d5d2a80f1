namespace ImnmDecision.Engine.Cases;

/// <summary>A section object of the findings (<c>patient</c>, <c>ck</c>, ...), with its OpenAPI schema name and what it holds.</summary>
public sealed record FindingsSection(string Name, string SchemaName, string Description);
