using System.Diagnostics;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.CdsHooks.Prefetch;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// order-select with a selected draft whose <c>medicationReference</c> is neither contained nor among the draft
/// orders: the Medication is read from the hook's FHIR server (a real server on 127.0.0.1) with the EHR's token
/// and matched like a contained one; when it cannot be read the card says so, and the token never goes to
/// another host.
/// </summary>
public sealed class DraftMedicationTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>, IAsyncLifetime
{
    private const string Positive = "order-select-statin-hmgcr-positive.json";
    private const string UnreadSummary = "Draft order not checked for a statin, and anti-HMGCR antibody positive (2024-03-05)";
    private FakeFhirServer server = null!;

    public async Task InitializeAsync()
    {
        server = await FakeFhirServer.StartAsync();
        server.Medications["med-statin"] = Medication("med-statin", "301542", "rosuvastatin");
        server.Medications["med-other"] = Medication("med-other", "6809", "metformin");
    }

    public async Task DisposeAsync() => await server.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task StatinMedicationOnTheServer_WarnsAsForAContainedStatin(bool absolute)
    {
        using var host = factory.With(server.Settings(5000));
        using var client = host.CreateClient();
        var reference = absolute ? $"{server.BaseUrl}/Medication/med-statin" : "Medication/med-statin";

        var cards = await (await client.PostHookAsync("imnm-statin-order", Call(reference))).CardsAsync();

        var card = cards.Should().ContainSingle().Subject!;
        card["indicator"]!.GetValue<string>().Should().Be("warning");
        card["summary"]!.GetValue<string>().Should().Be("Statin ordered, but anti-HMGCR antibody positive (2024-03-05): review before signing");
        card["detail"]!.GetValue<string>().Should().StartWith("**Rosuvastatin is being ordered** for a patient whose anti-HMGCR antibody was positive on 2024-03-05");
        card["suggestions"]![0]!["actions"]![0]!["resourceId"]!.GetValue<string>().Should().Be("MedicationRequest/draft-rosuva-1");
        server.Requests.Should().ContainSingle().Which.Should().Be(("/fhir/R4/Medication/med-statin", "Bearer " + FakeFhirServer.AccessToken));
        cards.ShouldKeepTheCardRules();
    }

    [Fact]
    public async Task NonStatinMedicationOnTheServer_HasNoCards()
    {
        using var host = factory.With(server.Settings(5000));
        using var client = host.CreateClient();

        var response = await client.PostHookAsync("imnm-statin-order", Call("Medication/med-other"));

        (await response.Content.ReadAsStringAsync()).Should().Be("""{"cards":[]}""");
        server.Requests.Should().ContainSingle().Which.PathAndQuery.Should().Be("/fhir/R4/Medication/med-other");
    }

    [Fact]
    public async Task MedicationNotOnTheServer_SaysTheDraftCouldNotBeChecked()
    {
        using var host = factory.With(server.Settings(5000));
        using var client = host.CreateClient();

        var cards = await (await client.PostHookAsync("imnm-statin-order", Call("Medication/med-missing"))).CardsAsync();

        ShouldSayUnread(cards, DraftMedicationReader.NotFound);
    }

    [Fact]
    public async Task SlowServer_SaysTheDraftCouldNotBeCheckedInTime()
    {
        server.Delay = TimeSpan.FromSeconds(30);
        server.OnlyFor = "Medication";
        using var host = factory.With(server.Settings(500));
        using var client = host.CreateClient();
        var clock = Stopwatch.StartNew();

        var cards = await (await client.PostHookAsync("imnm-statin-order", Call("Medication/med-statin"))).CardsAsync();

        clock.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(5));
        ShouldSayUnread(cards, PrefetchResolver.ServerUnusable);
    }

    [Fact]
    public async Task HugeAnswer_IsCutAtTheResponseCapAndSaidUnread()
    {
        server.HugeBodyMiB = 64;
        using var host = factory.With(new Dictionary<string, string?>(server.Settings(5000)) { ["CdsHooks:FhirMaxResponseBytes"] = "65536" });
        using var client = host.CreateClient();

        var cards = await (await client.PostHookAsync("imnm-statin-order", Call("Medication/med-statin"))).CardsAsync();

        ShouldSayUnread(cards, PrefetchResolver.ServerUnusable);
    }

    [Fact]
    public async Task MedicationOnAnotherHost_IsNotReadAndTheTokenStaysHome()
    {
        await using var other = await FakeFhirServer.StartAsync();
        other.Medications["med-statin"] = Medication("med-statin", "301542", "rosuvastatin");
        using var host = factory.With(server.Settings(5000));
        using var client = host.CreateClient();

        var cards = await (await client.PostHookAsync("imnm-statin-order", Call($"{other.BaseUrl}/Medication/med-statin"))).CardsAsync();

        ShouldSayUnread(cards, DraftMedicationReader.OtherServer);
        other.Requests.Should().BeEmpty();
        server.Requests.Should().BeEmpty("the id is not looked up on the hook's server either: it names another server's resource");
    }

    [Fact]
    public async Task NoFhirServer_SaysTheDraftCouldNotBeChecked()
    {
        using var client = factory.CreateClient();

        var cards = await (await client.PostHookAsync("imnm-statin-order", Call("Medication/med-statin", withServer: false))).CardsAsync();

        ShouldSayUnread(cards, DraftMedicationReader.NoServer);
    }

    [Fact]
    public async Task UnreadDraftAndAntibodySearchFailed_SaysNeitherCouldBeChecked()
    {
        using var client = factory.CreateClient();
        var body = Call("Medication/med-statin", withServer: false, change: r =>
            r["prefetch"]!["myositisAntibodies"] = JsonNode.Parse("""{ "resourceType": "OperationOutcome", "issue": [ { "severity": "error", "code": "exception" } ] }"""));

        var cards = await (await client.PostHookAsync("imnm-statin-order", body)).CardsAsync();

        var card = cards.Should().ContainSingle().Subject!;
        card["indicator"]!.GetValue<string>().Should().Be("info");
        card["summary"]!.GetValue<string>().Should().Be("Draft order: neither its medication nor the anti-HMGCR antibody could be checked");
        card["detail"]!.GetValue<string>().Should().Contain($"- The medication of a selected draft order: {DraftMedicationReader.NoServer}.")
            .And.Contain("Check whether the order is a statin and the record for an anti-HMGCR result before signing.");
    }

    [Fact]
    public async Task UnreadDraftAndNegativeHmgcr_HasNoCardsAsForAStatin()
    {
        using var client = factory.CreateClient();
        var body = Call("Medication/med-statin", withServer: false, fixture: "order-select-statin-hmgcr-negative.json");

        var response = await client.PostHookAsync("imnm-statin-order", body);

        (await response.Content.ReadAsStringAsync()).Should().Be("""{"cards":[]}""");
    }

    [Theory]
    [InlineData("Medication/med-1", "Medication/med-1")]
    [InlineData("Medication/med-1/_history/2", "Medication/med-1")]
    [InlineData("http://127.0.0.1:5000/fhir/R4/Medication/med-1", "Medication/med-1")]
    [InlineData("http://127.0.0.1:5001/fhir/R4/Medication/med-1", null)]
    [InlineData("https://127.0.0.1:5000/fhir/R4/Medication/med-1", null)]
    [InlineData("http://127.0.0.1:5000/other/Medication/med-1", null)]
    [InlineData("https://fhir.example.org/fhir/R4/Medication/med-1", null)]
    [InlineData("Medication/../Patient/p-1", null)]
    [InlineData("Patient/p-1", null)]
    [InlineData("x/Medication/med-1", null)]
    [InlineData("urn:uuid:0b1d7a5e-5b1e-4a7a-9a43-2f1c6f0b8a11", null)]
    [InlineData("http://127.0.0.1:5000/fhir/R4", null)]
    [InlineData("http://127.0.0.1:5000/fhir/R4?_getpages=abc", null)]
    public void OnServer_ReadsRelativeAndSameServerReferencesOnly(string reference, string? expected)
    {
        var target = new FhirServerTarget(new Uri("http://127.0.0.1:5000/fhir/R4/"), AllowPrivateNetwork: true);

        DraftMedicationReader.OnServer(reference, target).Should().Be(expected);
    }

    private static void ShouldSayUnread(JsonArray cards, string reason)
    {
        var card = cards.Should().ContainSingle().Subject!;
        card["indicator"]!.GetValue<string>().Should().Be("info");
        card["summary"]!.GetValue<string>().Should().Be(UnreadSummary);
        card["detail"]!.GetValue<string>().Should()
            .StartWith("**The medication of a selected draft order could not be read**, so whether a statin is being ordered is unknown; the patient's anti-HMGCR antibody was positive on 2024-03-05")
            .And.Contain($"- The medication of a selected draft order: {reason}.")
            .And.Contain("Check whether the order is a statin before signing.");
        cards.ShouldKeepTheCardRules();
    }

    private static JsonObject Medication(string id, string rxNorm, string display) => new()
    {
        ["resourceType"] = "Medication",
        ["id"] = id,
        ["code"] = new JsonObject
        {
            ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://www.nlm.nih.gov/research/umls/rxnorm", ["code"] = rxNorm, ["display"] = display }),
        },
    };

    // The fixture with its selected draft referring to a Medication by reference instead of a code.
    private string Call(string reference, bool withServer = true, string fixture = Positive, Action<JsonObject>? change = null) =>
        CdsHttp.Edit(fixture, r =>
        {
            var draft = r["context"]!["draftOrders"]!["entry"]![0]!["resource"]!.AsObject();
            draft.Remove("medicationCodeableConcept");
            draft["medicationReference"] = new JsonObject { ["reference"] = reference };
            if (withServer)
            {
                r["fhirServer"] = server.BaseUrl.ToString();
                r["fhirAuthorization"] = new JsonObject { ["access_token"] = FakeFhirServer.AccessToken, ["token_type"] = "Bearer", ["expires_in"] = 300, ["scope"] = "patient/Medication.read", ["subject"] = "imnm-decision" };
            }

            change?.Invoke(r);
        });
}
