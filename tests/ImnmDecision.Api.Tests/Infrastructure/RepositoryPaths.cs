using ImnmDecision.Tests.Shared;

namespace ImnmDecision.Api.Tests.Infrastructure;

/// <summary>Paths inside the repository that the API tests use.</summary>
public static class RepositoryPaths
{
    public static string Root => RepositoryRoot.Path;

    public static string Rules => RepositoryRoot.Rules;

    public static string OpenApiDocument => Path.Combine(Root, "openapi", "v1.json");

    /// <summary>Copies the repository's rules/ into a new temporary folder.</summary>
    public static string CopyRules() => RepositoryRoot.CopyRules("imnm-rules-");
}
