using ImnmDecision.Tests.Shared;

namespace ImnmDecision.Engine.Tests.Support;

/// <summary>Paths inside the repository that the engine tests use.</summary>
internal static class Repository
{
    public static string Root => RepositoryRoot.Path;

    public static string RulesFolder => RepositoryRoot.Rules;

    public static string CasesFolder => Path.Combine(Root, "tests", "cases");
}
