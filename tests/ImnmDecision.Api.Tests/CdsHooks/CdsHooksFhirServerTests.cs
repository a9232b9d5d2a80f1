using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Rules;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Prefetch left out and <c>fhirServer</c> given: the service fetches the data itself from a real FHIR server on
/// 127.0.0.1 with the EHR's bearer token, and a slow or failing server yields a card saying the guidance is
/// incomplete instead of a timeout.
/// </summary>
public sealed class CdsHooksFhirServerTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>, IAsyncLifetime
{
    private static readonly Ruleset Rules = RulesetLoader.Load(RepositoryPaths.Rules);
    private FakeFhirServer server = null!;

    public async Task InitializeAsync() => server = await FakeFhirServer.StartAsync();

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Fact]
    public async Task PatientView_NoPrefetchButFhirServer_FetchesWithTheTokenAndAssesses()
    {
        using var host = factory.With(server.Settings(5000));
        using var client = host.CreateClient();

        var cards = await (await client.PostHookAsync("imnm-assessment", HookCall())).CardsAsync();

        var card = cards.Should().ContainSingle().Subject!;
        card["summary"]!.GetValue<string>().Should().Be($"IMNM: {Rules.SubtypeLabels[SubtypeCode.AntiHmgcrStatinExposed]} (probable)");
        card["detail"]!.GetValue<string>().Should().Contain("- Statin: atorvastatin (active MedicationRequest, 2022-06-01): exposure current.");
        server.Requests.Should().HaveCount(12).And.OnlyContain(r => r.Authorization == "Bearer " + FakeFhirServer.AccessToken);
    }

    [Fact]
    public async Task PatientView_SomePrefetchedSomeMissing_FetchesOnlyTheMissingKeys()
    {
        using var host = factory.With(server.Settings(5000));
        using var client = host.CreateClient();
        var body = HookCall(prefetch: new JsonObject { ["patient"] = null, ["statinStatements"] = null, ["biopsy"] = null, ["weight"] = null, ["labs"] = null, ["conditions"] = null, ["pregnancy"] = null, ["statinDispenses"] = null, ["statinAdministrations"] = null });

        var cards = await (await client.PostHookAsync("imnm-assessment", body)).CardsAsync();

        cards.Should().ContainSingle();
        server.Requests.Select(r => r.PathAndQuery).Should().HaveCount(3)
            .And.OnlyContain(q => q.StartsWith("/fhir/R4/Observation?", StringComparison.Ordinal) || q.StartsWith("/fhir/R4/MedicationRequest?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PatientView_SlowFhirServerAndNoPrefetch_Answers412InTime()
    {
        server.Delay = TimeSpan.FromSeconds(30);
        using var host = factory.With(server.Settings(300));
        using var client = host.CreateClient();
        var started = System.Diagnostics.Stopwatch.StartNew();

        var response = await client.PostHookAsync("imnm-assessment", HookCall());

        started.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        response.StatusCode.Should().Be(System.Net.HttpStatusCode.PreconditionFailed, "CDS Hooks: data needed, neither prefetch nor FHIR server supplied any");
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        var outcome = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        outcome["resourceType"]!.GetValue<string>().Should().Be("OperationOutcome");
        outcome["issue"]![0]!["diagnostics"]!.GetValue<string>().Should().Contain("the FHIR server could not be used");
    }

    [Fact]
    public async Task PatientView_OneSlowSearch_AssessesWhatArrivedAndSaysWhatDidNot()
    {
        server.Delay = TimeSpan.FromSeconds(30);
        server.OnlyFor = "MedicationRequest";
        using var host = factory.With(server.Settings(1500));
        using var client = host.CreateClient();

        var cards = await (await client.PostHookAsync("imnm-assessment", HookCall())).CardsAsync();

        var card = cards.Should().ContainSingle().Subject!;
        card["summary"]!.GetValue<string>().Should().StartWith($"Incomplete data. IMNM: {Rules.SubtypeLabels[SubtypeCode.AntiHmgcr]}");
        card["detail"]!.GetValue<string>().Should().Contain("- Medication orders: the FHIR server could not be used.")
            .And.Contain("(`statin.exposure`)", "exposure is unknown, not assumed");
    }

    [Fact]
    public async Task PatientView_FhirServerFailingForOneSearch_SaysTheServerCouldNotBeUsedWithoutTheStatus()
    {
        server.FailWith = 404;
        server.OnlyFor = "Observation";
        using var host = factory.With(server.Settings(5000));
        using var client = host.CreateClient();

        var cards = await (await client.PostHookAsync("imnm-assessment", HookCall())).CardsAsync();

        var detail = cards.Should().ContainSingle().Which!["detail"]!.GetValue<string>();
        detail.Should().Contain("- Myositis antibody results: the FHIR server could not be used.").And.NotContain("404");
    }

    [Fact]
    public async Task StatinOrder_AntibodiesFetchedFromTheFhirServer_Warns()
    {
        using var host = factory.With(server.Settings(5000));
        using var client = host.CreateClient();
        var body = CdsHttp.Edit("order-select-statin-hmgcr-positive.json", r =>
        {
            r["context"]!["patientId"] = "pt-fetch-1";
            r.Remove("prefetch");
            r["fhirServer"] = server.BaseUrl.ToString();
            r["fhirAuthorization"] = Authorization();
        });

        var cards = await (await client.PostHookAsync("imnm-statin-order", body)).CardsAsync();

        cards.Should().ContainSingle().Which!["indicator"]!.GetValue<string>().Should().Be("warning");
    }

    private string HookCall(JsonObject? prefetch = null)
    {
        var call = new JsonObject
        {
            ["hookInstance"] = Guid.NewGuid().ToString(),
            ["hook"] = "patient-view",
            ["fhirServer"] = server.BaseUrl.ToString(),
            ["fhirAuthorization"] = Authorization(),
            ["context"] = new JsonObject { ["userId"] = "Practitioner/neuro-1", ["patientId"] = "pt-fetch-1" },
        };
        if (prefetch is not null)
        {
            call["prefetch"] = prefetch;
        }

        return call.ToJsonString();
    }

    private static JsonObject Authorization() => new()
    {
        ["access_token"] = FakeFhirServer.AccessToken,
        ["token_type"] = "Bearer",
        ["expires_in"] = 300,
        ["scope"] = "patient/Patient.read patient/Observation.read patient/MedicationRequest.read",
        ["subject"] = "imnm-decision",
    };
}
