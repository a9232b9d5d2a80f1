using System.Net;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// The CDS Hooks door end to end, in the real host with the repository's rules: discovery, each subtype from
/// FHIR R4 fixtures, red flags, missing data, 412, errors as OperationOutcome, and the order-select warning.
/// </summary>
public sealed class CdsHooksEndpointTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private static readonly Ruleset Rules = RulesetLoader.Load(RepositoryPaths.Rules);

    public static TheoryData<string, SubtypeCode, string, int> PatientViewCases => new()
    {
        { "patient-view-anti-hmgcr-statin-exposed.json", SubtypeCode.AntiHmgcrStatinExposed, "warning", 1 },
        { "patient-view-anti-hmgcr-no-statin-record.json", SubtypeCode.AntiHmgcr, "warning", 1 },
        { "patient-view-anti-srp.json", SubtypeCode.AntiSrp, "warning", 1 },
        { "patient-view-seronegative-necrotizing-biopsy.json", SubtypeCode.Seronegative, "warning", 1 },
        { "patient-view-conflicting-serology.json", SubtypeCode.ConflictingSerology, "warning", 1 },
        { "patient-view-alternative-anti-jo1.json", SubtypeCode.AlternativeDiagnosisLikely, "info", 1 },
        { "patient-view-not-supported-normal-ck.json", SubtypeCode.NotSupported, "info", 1 },
        { "patient-view-insufficient-data.json", SubtypeCode.InsufficientData, "info", 1 },
        { "patient-view-red-flag-extreme-ck.json", SubtypeCode.AntiHmgcrStatinExposed, "warning", 2 },
        { "patient-view-ck-ukat.json", SubtypeCode.AntiSrp, "warning", 1 },
        { "patient-view-entered-in-error.json", SubtypeCode.InsufficientData, "info", 1 },
        { "patient-view-missing-data.json", SubtypeCode.InsufficientData, "info", 1 },
    };

    [Fact]
    public async Task Discovery_ListsBothServicesWithTheirHooksAndPrefetchTemplates()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/cds-services", UriKind.Relative));

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var services = (await response.JsonAsync())["services"]!.AsArray().Select(s => s!.AsObject()).ToList();
        services.Select(s => (s["id"]!.GetValue<string>(), s["hook"]!.GetValue<string>()))
            .Should().BeEquivalentTo([("imnm-assessment", "patient-view"), ("imnm-statin-order", "order-select")]);
        services[0]["prefetch"]!["ck"]!.GetValue<string>().Should().Be("Observation?patient={{context.patientId}}&code=http://loinc.org|2157-6&_sort=-date&_count=5");
        services[1]["prefetch"]!["myositisAntibodies"]!.GetValue<string>().Should().Contain("http://loinc.org|93493-5");
        services.Should().OnlyContain(s => s["description"]!.GetValue<string>().Length > 0 && s["title"]!.GetValue<string>().Length > 0);
    }

    [Fact]
    public async Task OpenApiDocument_LeavesTheCdsEndpointsOut()
    {
        using var client = factory.CreateClient();

        var document = await client.GetStringAsync(new Uri("/swagger/v1/swagger.json", UriKind.Relative));

        document.Should().Contain("/api/v1/assessments").And.NotContain("cds-services");
    }

    [Theory]
    [MemberData(nameof(PatientViewCases))]
    public async Task PatientView_Fixture_AnswersTheSubtypeCardAndOneCardPerRedFlag(string fixture, SubtypeCode subtype, string indicator, int cardCount)
    {
        using var client = factory.CreateClient();

        var cards = await (await client.PostHookAsync("imnm-assessment", CdsFixtures.Text(fixture))).CardsAsync();

        cards.Should().HaveCount(cardCount);
        var card = cards[0]!.AsObject();
        card["summary"]!.GetValue<string>().Should().Contain(Rules.SubtypeLabels[subtype]);
        card["indicator"]!.GetValue<string>().Should().Be(indicator);
        card["source"]!["label"]!.GetValue<string>().Should().Be($"ImnmDecision, ruleset {Rules.Identity.Tag}");
        card["overrideReasons"]!.AsArray().Should().NotBeEmpty();
        cards.ShouldKeepTheCardRules();
    }

    [Fact]
    public async Task PatientView_HmgcrStatinExposed_ShowsTheValuesWithTheirDatesTheWorkupTreatmentAndReferences()
    {
        using var client = factory.CreateClient();

        var cards = await (await client.PostHookAsync("imnm-assessment", CdsFixtures.Text("patient-view-anti-hmgcr-statin-exposed.json"))).CardsAsync();

        var detail = cards[0]!["detail"]!.GetValue<string>();
        detail.Should().Contain("- CK 8,400 U/L on 2024-03-02; lab upper limit of normal 200 U/L (most recent).");
        detail.Should().Contain("- Anti-HMGCR positive on 2024-03-05 (interpretation POS).");
        detail.Should().Contain("- Statin: atorvastatin (active MedicationRequest, 2022-06-01): exposure current.");
        var age = ImnmDecision.CdsHooks.Mapping.PatientMapper.Age("1961-04", DateOnly.FromDateTime(DateTime.UtcNow), out var ageText);
        detail.Should().Contain($"- Patient: {ageText}, sex male.", $"born April 1961: {age} today");
        detail.Should().Contain("- Weight 82 kg on 2024-03-02.");
        detail.Should().Contain("A CK result (2024-03-04, entered in error) was not used.");
        detail.Should().Contain("#### Workup").And.Contain("- [ ] **").And.Contain("#### Treatment options").And.Contain("#### References\n1. ");
        detail.Should().Contain("(`clinical.proximalWeakness`)", "weakness is never read from FHIR and is reported missing");
        detail.Should().Contain(Rules.Identity.Tag);
    }

    [Fact]
    public async Task PatientView_ExtremeCk_GetsItsOwnCriticalRedFlagCardNamingTheRulesetsSeverity()
    {
        using var client = factory.CreateClient();

        var cards = await (await client.PostHookAsync("imnm-assessment", CdsFixtures.Text("patient-view-red-flag-extreme-ck.json"))).CardsAsync();

        var alertRule = (AlertAction)Rules.FindRule("alert.extreme-ck")!.Then;
        var redFlag = cards[1]!.AsObject();
        redFlag["summary"]!.GetValue<string>().Should().StartWith("Red flag: Very high CK.");
        redFlag["indicator"]!.GetValue<string>().Should().Be("critical", "every red flag gets its own critical card (cds-hooks.md)");
        redFlag["detail"]!.GetValue<string>().Should().Contain($"({JsonNames.Name(alertRule.Severity)})");
        redFlag["source"]!["topic"]!["code"]!.GetValue<string>().Should().Be("imnm-red-flag");
        cards[0]!["summary"]!.GetValue<string>().Should().EndWith("; 1 red flag");
    }

    [Fact]
    public async Task PatientView_LocalCodes_AreIgnoredByDefaultAndReadOnceConfigured()
    {
        using var local = factory.With(new Dictionary<string, string?>
        {
            ["CdsHooks:Codes:Ck:0:System"] = "http://lab.example-hospital.org/fhir/CodeSystem/tests",
            ["CdsHooks:Codes:Ck:0:Code"] = "CK-TOT",
            ["CdsHooks:Codes:Hmgcr:0:System"] = "http://lab.example-hospital.org/fhir/CodeSystem/tests",
            ["CdsHooks:Codes:Hmgcr:0:Code"] = "HMGCR-IGG",
            ["CdsHooks:Codes:Srp:0:System"] = "http://lab.example-hospital.org/fhir/CodeSystem/tests",
            ["CdsHooks:Codes:Srp:0:Code"] = "SRP-AB",
        });
        using var defaultClient = factory.CreateClient();
        using var localClient = local.CreateClient();
        var body = CdsFixtures.Text("patient-view-local-codes.json");

        var withDefaults = await (await defaultClient.PostHookAsync("imnm-assessment", body)).CardsAsync();
        var withLocal = await (await localClient.PostHookAsync("imnm-assessment", body)).CardsAsync();

        withDefaults.Should().BeEmpty("without the site's codes the chart holds no CK or antibody result");
        withLocal[0]!["summary"]!.GetValue<string>().Should().Contain(Rules.SubtypeLabels[SubtypeCode.AntiHmgcrStatinExposed]);
        withLocal[0]!["detail"]!.GetValue<string>().Should().Contain("Statin: atorvastatin (completed MedicationRequest, 2023-02-01): exposure past.");
        var discovery = await localClient.GetStringAsync(new Uri("/cds-services", UriKind.Relative));
        discovery.Should().Contain("http://lab.example-hospital.org/fhir/CodeSystem/tests|CK-TOT", "the prefetch template searches the local code too");
    }

    [Fact]
    public async Task PatientView_MissingData_SaysWhatIsMissingInsteadOfGuessing()
    {
        using var client = factory.CreateClient();

        var cards = await (await client.PostHookAsync("imnm-assessment", CdsFixtures.Text("patient-view-missing-data.json"))).CardsAsync();

        var card = cards.Should().ContainSingle().Subject!;
        card["summary"]!.GetValue<string>().Should().StartWith("Incomplete data. ");
        var detail = card["detail"]!.GetValue<string>();
        detail.Should().Contain("- Myositis antibody results: the EHR reported that its search failed.");
        detail.Should().Contain("- Pathology (muscle biopsy) reports: not provided by the EHR.");
        detail.Should().Contain("no upper limit of normal in the result");
        detail.Should().Contain("(`antibodies.hmgcr`)").And.Contain("(`ck.upperLimitOfNormal`)");
    }

    [Fact]
    public async Task PatientView_ChartWithoutMyositisData_HasNoCards()
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit("patient-view-insufficient-data.json", r => r["prefetch"]!["ck"] = null);

        var response = await client.PostHookAsync("imnm-assessment", body);

        (await response.Content.ReadAsStringAsync()).Should().Be("""{"cards":[]}""");
    }

    [Fact]
    public async Task PatientView_RequiredPrefetchMissingWithoutFhirServer_Is412WithAnOperationOutcome()
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit("patient-view-anti-srp.json", r =>
        {
            r["prefetch"]!.AsObject().Remove("ck");
            r["prefetch"]!.AsObject().Remove("statinRequests");
        });

        var response = await client.PostHookAsync("imnm-assessment", body);

        response.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/fhir+json");
        var issue = (await response.JsonAsync())["issue"]![0]!;
        issue["severity"]!.GetValue<string>().Should().Be("error");
        issue["expression"]!.AsArray().Select(e => e!.GetValue<string>()).Should().BeEquivalentTo("prefetch.ck", "prefetch.statinRequests");
    }

    [Fact]
    public async Task PatientView_OptionalPrefetchMissing_IsNotA412()
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit("patient-view-anti-srp.json", r =>
        {
            r["prefetch"]!.AsObject().Remove("biopsy");
            r["prefetch"]!.AsObject().Remove("weight");
            r["prefetch"]!.AsObject().Remove("statinStatements");
        });

        var cards = await (await client.PostHookAsync("imnm-assessment", body)).CardsAsync();

        cards[0]!["detail"]!.GetValue<string>().Should().Contain("- Body weight: not provided by the EHR.");
    }

    [Theory]
    [InlineData("""{ "hook": "order-select", "hookInstance": "1", "context": { "patientId": "p" }, "prefetch": {} }""", "answers the patient-view hook only")]
    [InlineData("""{ "hook": "patient-view", "hookInstance": "1", "context": { }, "prefetch": {} }""", "context.patientId is required")]
    [InlineData("""{ "hook": "patient-view", "context": { "patientId": "p" } }""", "hookInstance is required")]
    [InlineData("""{ "hook": "patient-view", "hookInstance": "1", "context": { "patientId": "p" }, "fhirAuthorization": { "access_token": "t" } }""", "fhirServer is required")]
    [InlineData("""[1, 2]""", "must be a JSON object")]
    [InlineData("""{ "hook": """, "not valid JSON")]
    public async Task PatientView_BadRequest_Is400WithAnOperationOutcome(string body, string diagnostics)
    {
        using var client = factory.CreateClient();

        var response = await client.PostHookAsync("imnm-assessment", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["issue"]![0]!["diagnostics"]!.GetValue<string>().Should().Contain(diagnostics);
    }

    [Fact]
    public async Task PatientView_BodyNestedPastTheDepthLimit_Is400SayingSoWithItsPlace()
    {
        using var client = factory.CreateClient();
        var body = "{ \"hook\": \"patient-view\",\n \"context\": " + new string('[', 70) + new string(']', 70) + " }";

        var response = await client.PostHookAsync("imnm-assessment", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.JsonAsync())["issue"]![0]!["diagnostics"]!.GetValue<string>()
            .Should().Be("The body is not valid JSON, or nests deeper than 64 levels (line 2, byte 76).");
    }

    [Fact]
    public async Task PatientView_PrefetchLargerThanTheApisBodyLimit_IsAccepted()
    {
        using var client = factory.CreateClient();
        var filler = new string('x', 2 * 1024 * 1024);
        var body = CdsHttp.Edit("patient-view-anti-srp.json", r => r["prefetch"]!["statinStatements"] = new JsonObject
        {
            ["resourceType"] = "Bundle",
            ["type"] = "searchset",
            ["entry"] = new JsonArray(new JsonObject { ["resource"] = new JsonObject { ["resourceType"] = "MedicationStatement", ["id"] = "big", ["status"] = "active", ["note"] = new JsonArray(new JsonObject { ["text"] = filler }) } }),
        });

        var cards = await (await client.PostHookAsync("imnm-assessment", body)).CardsAsync();

        cards.Should().ContainSingle("a 2 MiB prefetch fits CdsHooks:MaxBodyBytes (8 MiB), above the v1 limit of 1 MiB");
    }

    [Fact]
    public async Task Call_UnknownService_Is404()
    {
        using var client = factory.CreateClient();

        var response = await client.PostHookAsync("no-such-service", CdsFixtures.Text("patient-view-anti-srp.json"));

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Call_NotJson_Is415()
    {
        using var client = factory.CreateClient();
        using var content = new StringContent("hook=patient-view", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");

        var response = await client.PostAsync(new Uri("/cds-services/imnm-assessment", UriKind.Relative), content);

        response.StatusCode.Should().Be(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Call_WithAnotherRulesetPinned_IsNotHeldToTheV1Pin()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/cds-services/imnm-assessment", UriKind.Relative))
        {
            Content = new StringContent(CdsFixtures.Text("patient-view-anti-srp.json"), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Ruleset-Version", "other@0.0.0+000000000000");

        var response = await client.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("X-Ruleset-Version").Should().BeFalse();
    }

    [Fact]
    public async Task StatinOrder_StatinDraftAndPositiveHmgcr_WarnsWithTheRulesetsAdviceAndARemovalSuggestion()
    {
        using var client = factory.CreateClient();

        var cards = await (await client.PostHookAsync("imnm-statin-order", CdsFixtures.Text("order-select-statin-hmgcr-positive.json"))).CardsAsync();

        var card = cards.Should().ContainSingle().Subject!.AsObject();
        card["indicator"]!.GetValue<string>().Should().Be("warning");
        card["summary"]!.GetValue<string>().Should().Be("Statin ordered, but anti-HMGCR antibody positive (2024-03-05): review before signing");
        var detail = card["detail"]!.GetValue<string>();
        detail.Should().StartWith("**Rosuvastatin is being ordered** for a patient whose anti-HMGCR antibody was positive on 2024-03-05");
        detail.Should().Contain(Rules.TreatmentLabels[TreatmentId.StopStatin]);
        card["suggestions"]![0]!["actions"]![0]!["resourceId"]!.GetValue<string>().Should().Be("MedicationRequest/draft-rosuva-1");
        card["overrideReasons"]!.AsArray().Should().NotBeEmpty();
        cards.ShouldKeepTheCardRules();
    }

    [Theory]
    [InlineData("order-select-statin-hmgcr-negative.json")]
    [InlineData("order-select-not-a-statin.json")]
    public async Task StatinOrder_NoStatinOrNoPositiveHmgcr_HasNoCards(string fixture)
    {
        using var client = factory.CreateClient();

        var response = await client.PostHookAsync("imnm-statin-order", CdsFixtures.Text(fixture));

        (await response.Content.ReadAsStringAsync()).Should().Be("""{"cards":[]}""");
    }

    [Fact]
    public async Task StatinOrder_UnselectedStatinDraft_HasNoCards()
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit("order-select-statin-hmgcr-positive.json", r => r["context"]!["selections"] = new JsonArray("MedicationRequest/draft-metformin-1"));

        var cards = await (await client.PostHookAsync("imnm-statin-order", body)).CardsAsync();

        cards.Should().BeEmpty();
    }

    [Fact]
    public async Task StatinOrder_AntibodySearchFailed_SaysTheCheckCouldNotBeCompleted()
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit("order-select-statin-hmgcr-positive.json", r =>
            r["prefetch"]!["myositisAntibodies"] = JsonNode.Parse("""{ "resourceType": "OperationOutcome", "issue": [ { "severity": "error", "code": "exception" } ] }"""));

        var cards = await (await client.PostHookAsync("imnm-statin-order", body)).CardsAsync();

        var card = cards.Should().ContainSingle().Subject!;
        card["indicator"]!.GetValue<string>().Should().Be("info");
        card["summary"]!.GetValue<string>().Should().Be("Statin order: the anti-HMGCR antibody check could not be completed");
    }

    [Fact]
    public async Task StatinOrder_AntibodyPrefetchMissingWithoutFhirServer_Is412()
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit("order-select-statin-hmgcr-positive.json", r => r["prefetch"]!.AsObject().Remove("myositisAntibodies"));

        var response = await client.PostHookAsync("imnm-statin-order", body);

        response.StatusCode.Should().Be(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task StatinOrder_WithoutDraftOrders_Is400()
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit("order-select-statin-hmgcr-positive.json", r => r["context"]!.AsObject().Remove("draftOrders"));

        var response = await client.PostHookAsync("imnm-statin-order", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }
}
