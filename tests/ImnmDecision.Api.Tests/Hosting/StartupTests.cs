using System.Net;
using System.Text.Json.Nodes;
using FluentValidation;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Engine.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace ImnmDecision.Api.Tests.Hosting;

/// <summary>The rules folder and the log format are configurable (failures to start: <see cref="StartupFailureTests"/>).</summary>
public sealed class StartupTests(ApiFactory factory) : IClassFixture<ApiFactory>, IDisposable
{
    private readonly List<string> folders = [];

    [Fact]
    public async Task Startup_RulesFolderConfigured_ServesThatRuleset()
    {
        var folder = CopyRules();
        var ruleset = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "ruleset.json")))!;
        ruleset["version"] = "9999.1.0-test";
        await File.WriteAllTextAsync(Path.Combine(folder, "ruleset.json"), ruleset.ToJsonString());
        using var configured = factory.WithWebHostBuilder(builder => builder.UseSetting("Rules:Folder", folder));
        using var client = configured.CreateClient();

        var response = await client.GetAsync(new Uri("/api/v1/ruleset", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.ReadJsonAsync())["version"]!.GetValue<string>().Should().Be("9999.1.0-test");
        response.RulesetHeader().Should().StartWith("imnm-core@9999.1.0-test+");
    }

    [Fact]
    public void Startup_FindingsValidator_IsRegisteredFromTheEngineOnceAsSingleton()
    {
        var validators = factory.Services.GetServices<IValidator<Findings>>().ToList();

        validators.Should().ContainSingle().Which.Should().BeOfType<FindingsValidator>()
            .And.BeSameAs(factory.Services.GetRequiredService<IValidator<Findings>>());
    }

    [Fact]
    public async Task Startup_LogFormatJson_Serves()
    {
        using var json = factory.WithWebHostBuilder(builder => builder.UseSetting("Logging:Format", "json"));
        using var client = json.CreateClient();

        var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    public void Dispose()
    {
        foreach (var folder in folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private string CopyRules()
    {
        var folder = RepositoryPaths.CopyRules();
        folders.Add(folder);
        return folder;
    }
}
