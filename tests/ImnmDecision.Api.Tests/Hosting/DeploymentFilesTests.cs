using System.Text.RegularExpressions;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Hosting;

/// <summary>
/// Docker is not available where the tests run: these check deploy/Dockerfile and the Kubernetes manifests
/// against the repository and the real <c>dotnet publish</c> output instead.
/// </summary>
public sealed partial class DeploymentFilesTests
{
    private static readonly string Deploy = Path.Combine(RepositoryPaths.Root, "deploy");

    [Fact]
    public void Dockerfile_BuildStageCopies_ExistInTheRepository()
    {
        var sources = Lines("Dockerfile")
            .Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from", StringComparison.Ordinal))
            .SelectMany(l => l["COPY ".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries)[..^1])
            .ToList();

        sources.Should().Contain(["src/", "rules/"]);
        sources.Should().OnlyContain(s => File.Exists(Path.Combine(RepositoryPaths.Root, s)) || Directory.Exists(Path.Combine(RepositoryPaths.Root, s)));
        var publish = Lines("Dockerfile").Single(l => l.Contains("dotnet publish", StringComparison.Ordinal));
        File.Exists(Path.Combine(RepositoryPaths.Root, PublishedProject().Match(publish).Groups[1].Value)).Should().BeTrue(publish);
    }

    [Fact]
    public void Dockerfile_EntrypointAndRules_AreInThePublishedOutput()
    {
        var dockerfile = Lines("Dockerfile");
        var copy = dockerfile.Single(l => l.StartsWith("COPY --from=build", StringComparison.Ordinal)).Split(' ');
        var (from, to) = (copy[^2].TrimEnd('/'), copy[^1].TrimEnd('/'));
        dockerfile.Single(l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal)).Should().EndWith("-o " + from);
        var entrypoint = dockerfile.Single(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal));
        var dll = EntrypointDll().Match(entrypoint).Groups[1].Value;

        dll.Should().StartWith(to + "/");
        var published = ApiProcess.PublishedFolder;
        File.Exists(Path.Combine(published, dll[(to.Length + 1)..])).Should().BeTrue($"{entrypoint} must name a published file");
        File.Exists(Path.Combine(published, "rules", "ruleset.json")).Should().BeTrue("the ruleset is baked in beside the API (mount over /app/rules to override)");
        File.Exists(Path.Combine(published, "appsettings.json")).Should().BeTrue();
        dockerfile.Should().Contain(l => l.StartsWith("USER ", StringComparison.Ordinal) && !l.Contains("root", StringComparison.Ordinal));
        string.Join('\n', dockerfile).Should().Contain("/health/ready");
    }

    [Fact]
    public void Kubernetes_Manifests_ProbeTheHealthEndpointsAndReadTheStoreFromASecret()
    {
        var deployment = File.ReadAllText(Path.Combine(Deploy, "k8s", "deployment.yaml"));
        var secret = File.ReadAllText(Path.Combine(Deploy, "k8s", "secret.yaml"));
        var hpa = File.ReadAllText(Path.Combine(Deploy, "k8s", "hpa.yaml"));

        deployment.Should().Contain("path: /health/ready").And.Contain("path: /health/live").And.Contain("readOnlyRootFilesystem: true")
            .And.Contain("name: imnm-decision-store").And.Contain("containerPort: 8080");
        secret.Should().Contain("Store__ConnectionString");
        hpa.Should().Contain("kind: HorizontalPodAutoscaler").And.Contain("name: cpu");
        File.Exists(Path.Combine(Deploy, "k8s", "service.yaml")).Should().BeTrue();
        File.Exists(Path.Combine(Deploy, "k8s", "configmap.yaml")).Should().BeTrue();
        File.ReadAllText(Path.Combine(Deploy, "compose.yaml")).Should().Contain("Store__ConnectionString").And.Contain("dockerfile: deploy/Dockerfile");
    }

    private static string[] Lines(string file) => [.. File.ReadAllLines(Path.Combine(Deploy, file)).Select(l => l.Trim())];

    [GeneratedRegex(@"dotnet publish (\S+\.csproj)")]
    private static partial Regex PublishedProject();

    [GeneratedRegex(@"""(/[^""]+\.dll)""")]
    private static partial Regex EntrypointDll();
}
