using System.Net;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Hosting;

/// <summary>
/// The published API started from another folder, as an operator starts it: it finds the rules published beside
/// it, and every start-up failure is one fatal log line (no stack trace) with its documented exit code.
/// </summary>
public sealed class StartupFailureTests : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private readonly List<string> folders = [];

    [Fact]
    public async Task Published_StartedFromAnotherFolder_AnswersReady()
    {
        await using var api = ApiProcess.Start("Production");

        var status = await api.WaitUntilReadyAsync(StartTimeout);

        status.Should().Be(HttpStatusCode.OK, api.Output);
        File.Exists(Path.Combine(ApiProcess.PublishedFolder, "rules", "ruleset.json")).Should().BeTrue("the ruleset is published beside the API");
        api.Output.Should().Contain("Loaded ruleset imnm-core").And.Contain(Path.Combine(ApiProcess.PublishedFolder, "rules"));
    }

    [Fact]
    public async Task Startup_DefectiveRuleset_ExitsTwoWithOneFatalLineListingEveryDefect()
    {
        var folder = CopyRules();
        var path = Path.Combine(folder, "subtype.json");
        var file = JsonNode.Parse(await File.ReadAllTextAsync(path))!;
        var firstRule = file["rules"]![0]!.AsObject();
        firstRule["colour"] = "red";
        firstRule["citations"] = new JsonArray("no-such-citation");
        await File.WriteAllTextAsync(path, file.ToJsonString());
        await using var api = ApiProcess.Start("Production", $"--Rules:Folder={folder}");

        var exit = await api.WaitForExitAsync(StartTimeout);

        exit.Should().Be(2, api.Output);
        FatalLine(api.Output).Should().Contain("subtype.json").And.Contain("colour").And.Contain("no-such-citation");
    }

    [Fact]
    public async Task Startup_RulesFolderMissing_ExitsTwo()
    {
        var missing = Path.Combine(Path.GetTempPath(), "imnm-no-rules-" + Guid.NewGuid().ToString("N"));
        await using var api = ApiProcess.Start("Production", $"--Rules:Folder={missing}");

        var exit = await api.WaitForExitAsync(StartTimeout);

        exit.Should().Be(2, api.Output);
        FatalLine(api.Output).Should().Contain("does not exist");
    }

    [Theory]
    [InlineData("--Logging:Format=xml", "Logging:Format must be 'text' or 'json'")]
    [InlineData("--Api:MaxBodyBytes=0", "Api:MaxBodyBytes must be above 0")]
    [InlineData("--Api:Auth:SigningKeyPem=not-a-key", "Api:Auth:SigningKeyPem is not a PEM RSA or EC public key")]
    public async Task Startup_InvalidSetting_ExitsSeventyEightNamingIt(string setting, string expected)
    {
        await using var api = ApiProcess.Start("Production", setting);

        var exit = await api.WaitForExitAsync(StartTimeout);

        exit.Should().Be(78, api.Output);
        FatalLine(api.Output).Should().Contain(expected);
    }

    [Fact]
    public async Task Startup_StoreUnreachable_ExitsSixtyNine()
    {
        using var closed = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();
        await using var api = ApiProcess.Start("Production", $"--Store:ConnectionString=Host=127.0.0.1;Port={port};Username=imnm;Password=secret-never-logged;Timeout=5");

        var exit = await api.WaitForExitAsync(StartTimeout);

        exit.Should().Be(69, api.Output);
        FatalLine(api.Output).Should().Contain("PostgreSQL 127.0.0.1:" + port);
        api.Output.Should().NotContain("secret-never-logged");
    }

    [Fact]
    public async Task Startup_PortTaken_ExitsSeventyWithOneFatalLine()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var api = ApiProcess.Start("Production", $"--urls=http://127.0.0.1:{port}");

        var exit = await api.WaitForExitAsync(StartTimeout);

        exit.Should().Be(70, api.Output);
        FatalLine(api.Output).Should().Contain("Address already in use");
        api.Output.Should().NotContain("ERR]", "a failed start-up logs its one fatal line and no other error");
    }

    public void Dispose()
    {
        foreach (var folder in folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The one fatal line; the output holds no stack trace.</summary>
    internal static string FatalLine(string output)
    {
        output.Should().NotContain("   at ", "start-up failures show no stack trace").And.NotContain("Unhandled exception");
        return output.Split('\n').Should().ContainSingle(line => line.Contains("FTL]", StringComparison.Ordinal)).Subject;
    }

    private string CopyRules()
    {
        var folder = RepositoryPaths.CopyRules();
        folders.Add(folder);
        return folder;
    }
}
