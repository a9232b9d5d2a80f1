using System.Net;
using System.Text.Json.Nodes;
using FluentValidation;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Rules;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace ImnmDecision.Api.Tests.Hosting;

/// <summary>The rules folder is configurable, and a defective ruleset stops start-up listing every defect.</summary>
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
    public void Startup_DefectiveRuleset_StopsListingEveryDefect()
    {
        var folder = CopyRules();
        var path = Path.Combine(folder, "subtype.json");
        var file = JsonNode.Parse(File.ReadAllText(path))!;
        var firstRule = file["rules"]![0]!.AsObject();
        firstRule["colour"] = "red";
        firstRule["citations"] = new JsonArray("no-such-citation");
        File.WriteAllText(path, file.ToJsonString());
        var sink = new CapturingSink();
        using var broken = factory.WithWebHostBuilder(builder => builder
            .UseSetting("Rules:Folder", folder)
            .ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(sink)));

        var start = () => broken.CreateClient();

        var thrown = start.Should().Throw<Exception>().Which;
        var load = Flatten(thrown).OfType<RulesetLoadException>().Should().ContainSingle().Subject;
        load.Errors.Should().HaveCountGreaterThanOrEqualTo(2);
        load.Errors.Should().OnlyContain(e => e.File.EndsWith("subtype.json", StringComparison.Ordinal));
        load.Errors.Should().Contain(e => e.Message.Contains("colour", StringComparison.Ordinal));
        load.Errors.Should().Contain(e => e.Message.Contains("no-such-citation", StringComparison.Ordinal));
        var logged = sink.Render();
        logged.Should().Contain("start-up stops").And.Contain("colour").And.Contain("no-such-citation");
    }

    [Fact]
    public void Startup_RulesFolderMissing_Stops()
    {
        var missing = Path.Combine(Path.GetTempPath(), "imnm-no-rules-" + Guid.NewGuid().ToString("N"));
        using var broken = factory.WithWebHostBuilder(builder => builder.UseSetting("Rules:Folder", missing));

        var start = () => broken.CreateClient();

        var thrown = start.Should().Throw<Exception>().Which;
        Flatten(thrown).OfType<RulesetLoadException>().Should().ContainSingle()
            .Which.Errors.Should().ContainSingle(e => e.Message.Contains("does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Startup_LogFormatJson_Serves()
    {
        using var json = factory.WithWebHostBuilder(builder => builder.UseSetting("Logging:Format", "json"));
        using var client = json.CreateClient();

        var response = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public void Startup_LogFormatUnknown_StopsNamingTheSetting()
    {
        using var broken = factory.WithWebHostBuilder(builder => builder.UseSetting("Logging:Format", "xml"));

        var start = () => broken.CreateClient();

        var thrown = start.Should().Throw<Exception>().Which;
        Flatten(thrown).Should().Contain(e => e.Message.Contains("Logging:Format must be 'text' or 'json'", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        foreach (var folder in folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            yield return current;
            if (current is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }

    private string CopyRules()
    {
        var folder = RepositoryPaths.CopyRules();
        folders.Add(folder);
        return folder;
    }
}
