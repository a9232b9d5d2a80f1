using ImnmDecision.Tests.Store;

namespace ImnmDecision.Api.Tests.Store;

/// <summary>The tests that share one private PostgreSQL cluster (each test makes its own database).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresTests : ICollectionFixture<PostgresCluster>
{
    public const string Name = "PostgreSQL";
}
