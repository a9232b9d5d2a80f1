using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.CdsHooks.Codes;
using ImnmDecision.CdsHooks.Prefetch;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Pregnancy (<c>patient.pregnant</c>) from a pregnancy status Observation (LOINC 82810-3 or 11449-6, answered with
/// the IPS value set's LOINC answers, their SNOMED CT equivalents, or a boolean) and from an active pregnancy
/// Condition (SNOMED CT 77386006, and Synthea's 72892002 and 47200007) begun within 44 weeks: the newest final result
/// decides, "Unknown" stays unknown, an older active Condition is out of date, and the IPS's own pregnancy status
/// example and a Synthea record are read as the sandbox sends them.
/// </summary>
public sealed class PregnancyMappingTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private const string Loinc = "http://loinc.org";
    private const string Snomed = "http://snomed.info/sct";

    [Theory]
    [InlineData("82810-3", Loinc, "LA15173-0", true)]
    [InlineData("82810-3", Loinc, "LA26683-5", false)]
    [InlineData("82810-3", Loinc, "LA4489-6", null)]
    [InlineData("11449-6", Snomed, "77386006", true)]
    [InlineData("11449-6", Snomed, "60001007", false)]
    [InlineData("82810-3", "http://example.org/other", "LA15173-0", null)]
    public void Map_PregnancyStatusAnswer_IsReadFromTheCodeLists(string code, string answerSystem, string answer, bool? expected)
    {
        var mapped = FhirMapping.Map(FhirMapping.Patient("female"), Status("ps-1", code, "2025-06-12", Coded(answerSystem, answer)));

        mapped.Sections.Patient!.Pregnant.Should().Be(expected);
        mapped.Evidence.Should().Contain(e => e.StartsWith("Pregnancy status: ", StringComparison.Ordinal) && e.Contains($"(Observation {code} on 2025-06-12)", StringComparison.Ordinal));
        if (expected is null)
        {
            mapped.Findings.Has("patient.pregnant").Should().BeFalse("an unknown answer is not false");
        }
    }

    [Fact]
    public void Map_PregnancyStatusAsABoolean_IsRead()
    {
        var mapped = FhirMapping.Map(FhirMapping.Patient("female"), Status("ps-1", "11449-6", "2025-05-01", "\"valueBoolean\": true"));

        mapped.Sections.Patient!.Pregnant.Should().BeTrue();
        mapped.Evidence.Should().Contain("Pregnancy status: pregnant, true (Observation 11449-6 on 2025-05-01).");
    }

    [Fact]
    public void Map_SeveralResults_TheNewestFinalAmendedOrCorrectedOneDecides()
    {
        var mapped = FhirMapping.Map(
            FhirMapping.Patient("female"),
            Status("ps-old", "82810-3", "2024-01-10", Coded(Loinc, "LA15173-0")),
            Status("ps-new", "82810-3", "2025-06-10", Coded(Loinc, "LA26683-5"), status: "amended"),
            Status("ps-prelim", "82810-3", "2025-06-11", Coded(Loinc, "LA15173-0"), status: "preliminary"),
            Status("ps-error", "82810-3", "2025-06-12", Coded(Loinc, "LA15173-0"), status: "entered-in-error"));

        mapped.Sections.Patient!.Pregnant.Should().BeFalse("the newest final, amended or corrected result says not pregnant");
        mapped.Evidence.Should().Contain("Pregnancy status: not pregnant, LA26683-5 (Observation 82810-3 on 2025-06-10).");
    }

    [Fact]
    public void Map_NewestResultUnknown_PregnancyStaysUnknownDespiteAnOlderPregnant()
    {
        var mapped = FhirMapping.Map(
            FhirMapping.Patient("female"),
            Status("ps-old", "82810-3", "2024-01-10", Coded(Loinc, "LA15173-0")),
            Status("ps-new", "82810-3", "2025-02-01", Coded(Loinc, "LA4489-6")));

        mapped.Sections.Patient!.Pregnant.Should().BeNull();
        mapped.Evidence.Should().Contain("Pregnancy status: \"LA4489-6\" (Observation 82810-3 on 2025-02-01): pregnancy stays unknown.");
    }

    [Theory]
    [InlineData("active", null, null, true)]
    [InlineData("resolved", null, null, null)]
    [InlineData("active", "refuted", null, null)]
    [InlineData("active", "provisional", null, null)]
    [InlineData("active", "entered-in-error", null, null)]
    [InlineData("active", null, "\"abatementDateTime\": \"2025-01-01\",", null)]
    public void Map_PregnancyCondition_OnlyAnActiveUsableOneSetsPregnant(string clinical, string? verification, string? abatement, bool? expected)
    {
        var mapped = FhirMapping.Map(FhirMapping.Patient("female"), Condition("c-1", "2025-03-01", clinical, verification, abatement));

        (mapped.Sections.Patient?.Pregnant).Should().Be(expected);
        if (expected == true)
        {
            mapped.Evidence.Should().Contain("Pregnancy: pregnant (an active pregnancy Condition since 2025-03-01).");
        }
    }

    [Theory]
    [InlineData("2025-06-14", true)]
    [InlineData("2025-04-01", false)]
    public void Map_ConditionAndResult_TheNewerOneDecides(string conditionOnset, bool expected)
    {
        var mapped = FhirMapping.Map(
            FhirMapping.Patient("female"),
            Status("ps-1", "82810-3", "2025-06-12", Coded(Loinc, "LA26683-5")),
            Condition("c-1", conditionOnset, "active", "confirmed", null));

        mapped.Sections.Patient!.Pregnant.Should().Be(expected);
    }

    [Fact]
    public void Map_PregnantButMale_IsNotUsedAndSaysWhy()
    {
        var mapped = FhirMapping.Map(FhirMapping.Patient("male"), Status("ps-1", "82810-3", "2025-05-01", Coded(Loinc, "LA15173-0")));

        mapped.Sections.Patient!.Pregnant.Should().BeNull();
        mapped.Notes.Should().Contain("The record says pregnant, but the patient's sex is male: pregnancy was not used.");
    }

    [Fact]
    public void Map_NoPregnancyData_StaysUnknownWithoutAnyLine()
    {
        var mapped = FhirMapping.Map(FhirMapping.Patient("female"), FhirMapping.Ck("ck-1", "900", "U/L", "2024-03-02"));

        mapped.Sections.Patient!.Pregnant.Should().BeNull();
        mapped.Evidence.Concat(mapped.Notes).Should().NotContain(l => l.Contains("regnan", StringComparison.Ordinal));
    }

    [Fact]
    public void Map_SiteCodes_AreAddedToTheDefaults()
    {
        var codes = new CodeBook(CodeListLoader.Load(null, new CdsCodeLists
        {
            Pregnancy = new PregnancyCodeLists
            {
                Observations = [new CodeRef { System = "http://lab.example.org", Code = "PREG" }],
                Pregnant = [new CodeRef { System = "http://lab.example.org", Code = "Y" }],
            },
        }));

        var mapped = FhirMapping.Map(codes, FhirMapping.Patient("female"), Status("ps-1", "PREG", "2025-05-01", Coded("http://lab.example.org", "Y"), system: "http://lab.example.org"));

        mapped.Sections.Patient!.Pregnant.Should().BeTrue();
        new PrefetchTemplates(codes).Assessment.Single(k => k.Name == "pregnancy").Template
            .Should().Be("Observation?patient={{context.patientId}}&code=http://loinc.org|82810-3,http://loinc.org|11449-6,http://lab.example.org|PREG&_sort=-date&_count=5");
    }

    [Fact]
    public void CodeLists_AnAnswerBothPregnantAndNotPregnant_StopsStartUp()
    {
        var both = new CodeRef { System = Loinc, Code = "LA15173-0" };

        var act = () => new CodeBook(CodeListLoader.Load(null, new CdsCodeLists { Pregnancy = new PregnancyCodeLists { NotPregnant = [both] } }));

        act.Should().Throw<InvalidOperationException>().WithMessage("*pregnancy: the code http://loinc.org|LA15173-0 is listed as pregnant and as not pregnant.*");
    }

    [Fact]
    public async Task PatientView_IpsPregnancyStatusExample_PrefetchedAndFetched_NamesPregnancyOnTheCard()
    {
        await using var server = await RecordFhirServer.StartAsync(RecordSearch.Load("real-ips-female-pregnancy-status.json"));
        var then = new FixedTime(new DateTimeOffset(2020, 3, 1, 12, 0, 0, TimeSpan.Zero));
        using var host = factory.With(server.Settings(3000)).WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(then)));
        using var client = host.CreateClient();
        using var today = factory.With(server.Settings(3000));
        var prefetch = RecordHooks.Prefetch(server, RecordHooks.AssessmentTemplates());

        var mapped = RecordHooks.Map(prefetch, server.Record.PatientId, then);
        var prefetched = await (await client.PostHookAsync("imnm-assessment", RecordHooks.Call(server, prefetch))).CardsAsync();
        var fetched = await (await client.PostHookAsync("imnm-assessment", RecordHooks.Call(server, null))).CardsAsync();
        var later = await (await today.CreateClient().PostHookAsync("imnm-assessment", RecordHooks.Call(server, prefetch))).CardsAsync();

        prefetch.Should().ContainKey("pregnancy");
        mapped.Sections.Patient!.Pregnant.Should().BeTrue("the IPS example answers 82810-3 with LA15173-0 Pregnant on 2020-01-10, seven weeks before");
        var detail = prefetched.Should().ContainSingle().Subject!["detail"]!.GetValue<string>();
        detail.Should().Contain("- Pregnancy status: pregnant, LA15173-0 (Observation 82810-3 on 2020-01-10).");
        detail.Should().NotContain("Pregnancy status: not provided");
        fetched.Should().ContainSingle().Subject!["detail"]!.GetValue<string>().Should().Be(detail);
        server.Requests.Should().Contain(q => q.Contains("82810-3", StringComparison.Ordinal), "without prefetch the service searches the pregnancy status itself");
        later.Should().ContainSingle().Subject!["detail"]!.GetValue<string>().Should().Contain("A pregnancy status of 2020-01-10 said pregnant more than 44 weeks ago");
    }

    [Fact]
    public void Map_PregnantStatusOlderThan44Weeks_IsOutOfDateAndSaysSo()
    {
        var mapped = FhirMapping.Map(FhirMapping.Patient("female"), Status("ps-1", "82810-3", "2024-05-01", Coded(Loinc, "LA15173-0")));

        mapped.Sections.Patient!.Pregnant.Should().BeNull("a pregnancy observed 58 weeks ago has ended one way or another");
        mapped.Notes.Should().Contain("A pregnancy status of 2024-05-01 said pregnant more than 44 weeks ago, longer than a pregnancy lasts: it is out of date and was not used (pregnancy stays unknown; ask the patient).");
    }

    [Fact]
    public void Map_SyntheaPregnantStatusAndItsConditionEndedSince_PregnancyIsUnknown()
    {
        // Synthea's pregnancy module records 82810-3 "Pregnant" (SNOMED CT 77386006) at conception and ends the
        // 72892002 Condition at delivery, miscarriage or abortion; it records no later "not pregnant".
        var mapped = FhirMapping.Map(
            FhirMapping.Patient("female"),
            Status("ps-1", "82810-3", "2024-10-01", Coded(Snomed, "77386006")),
            Condition("c-1", "2024-10-01", "resolved", "confirmed", "\"abatementDateTime\": \"2025-06-01\",", "72892002", "Normal pregnancy"));

        mapped.Sections.Patient!.Pregnant.Should().BeNull("the pregnancy that result saw has ended");
        mapped.Notes.Should().Contain("The pregnancy status of 2024-10-01 said pregnant, but a pregnancy Condition ended on 2025-06-01: pregnancy stays unknown; ask the patient.");
    }

    [Fact]
    public async Task Map_SyntheaActiveTubalPregnancyFrom1990_IsNotAPregnancyUnderWay()
    {
        await using var server = await RecordFhirServer.StartAsync(RecordSearch.Load("real-synthea-almeda-67e13ece.json"));

        var mapped = RecordHooks.Map(RecordHooks.Prefetch(server, RecordHooks.AssessmentTemplates()), server.Record.PatientId);

        (mapped.Sections.Patient?.Pregnant).Should().BeNull("79586000 Tubal pregnancy is not listed and her 72892002 Normal pregnancy is resolved");
        mapped.Evidence.Concat(mapped.Notes).Should().NotContain(l => l.Contains("regnan", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("72892002", "Normal pregnancy", true)]
    [InlineData("47200007", "High risk pregnancy", true)]
    [InlineData("79586000", "Tubal pregnancy", null)]
    [InlineData("19169002", "Miscarriage in first trimester", null)]
    [InlineData("398254007", "Preeclampsia", null)]
    public void Map_SyntheaPregnancyConditions_OnlyThoseOfAPregnancyUnderWaySetPregnant(string code, string display, bool? expected)
    {
        var mapped = FhirMapping.Map(FhirMapping.Patient("female"), Condition("c-1", "2025-03-01", "active", "confirmed", null, code, display));

        (mapped.Sections.Patient?.Pregnant).Should().Be(expected);
    }

    [Theory]
    [InlineData("2024-08-20", true)] // 42.7 weeks before today (2025-06-15)
    [InlineData("2024-07-01", null)] // 49.9 weeks
    [InlineData("2024-07", null)] // at the latest 2024-07-31, 45.6 weeks
    [InlineData("2024-08", true)] // at the latest 2024-08-31, 41.1 weeks
    public void Map_ActivePregnancyConditionOlderThan44Weeks_IsOutOfDateAndSaysSo(string onset, bool? expected)
    {
        var mapped = FhirMapping.Map(FhirMapping.Patient("female"), Condition("c-1", onset, "active", "confirmed", null, "72892002", "Normal pregnancy"));

        (mapped.Sections.Patient?.Pregnant).Should().Be(expected);
        var outOfDate = $"An active pregnancy Condition since {onset} began more than 44 weeks ago, longer than a pregnancy lasts: it is out of date and was not used (pregnancy stays unknown unless a pregnancy status says otherwise; ask the patient).";
        if (expected is null)
        {
            mapped.Notes.Should().Contain(outOfDate);
            mapped.Findings.Has("patient.pregnant").Should().BeFalse("an out-of-date pregnancy is unknown, not false");
        }
        else
        {
            mapped.Notes.Should().NotContain(outOfDate);
        }
    }

    [Fact]
    public void Map_OutOfDatePregnancyCondition_AnOlderPregnancyStatusStillDecides()
    {
        var mapped = FhirMapping.Map(
            FhirMapping.Patient("female"),
            Status("ps-1", "82810-3", "2024-01-10", Coded(Loinc, "LA26683-5")),
            Condition("c-1", "2024-05-01", "active", "confirmed", null, "72892002", "Normal pregnancy"));

        mapped.Sections.Patient!.Pregnant.Should().BeNull("the out-of-date Condition is set aside, and the status result left is a 'not pregnant' of long ago");
        mapped.Notes.Should().Contain(n => n.StartsWith("An active pregnancy Condition since 2024-05-01 began more than 44 weeks ago", StringComparison.Ordinal));
        mapped.Notes.Should().Contain(n => n.StartsWith("A pregnancy status of 2024-01-10 said not pregnant, more than 7 days ago", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2025-06-08", false)] // 7 days before today (2025-06-15): still stands
    [InlineData("2025-06-07", null)] // 8 days: a patient can conceive after it
    [InlineData("2023-02-01", null)]
    public void Map_NotPregnantStatus_StandsForTodayOnlyWhenRecent(string date, bool? expected)
    {
        var mapped = FhirMapping.Map(FhirMapping.Patient("female"), Status("ps-1", "82810-3", date, Coded(Loinc, "LA26683-5")));

        mapped.Sections.Patient!.Pregnant.Should().Be(expected);
        if (expected is null)
        {
            mapped.Findings.Has("patient.pregnant").Should().BeFalse("an old 'not pregnant' is unknown today, not false");
            mapped.Notes.Should().Contain($"A pregnancy status of {date} said not pregnant, more than 7 days ago: a status holds only for when it was taken, so pregnancy stays unknown; check it before starting a drug that pregnancy rules out.");
        }
    }

    [Fact]
    public async Task Map_SyntheaAlix_FourDeliveredPregnanciesAndOneActive_PregnantWhileItIsCurrentOutOfDateLater()
    {
        await using var server = await RecordFhirServer.StartAsync(RecordSearch.Load("real-synthea-alix-b5598b1a.json"));
        var prefetch = RecordHooks.Prefetch(server, RecordHooks.AssessmentTemplates());

        var during = RecordHooks.Map(prefetch, server.Record.PatientId, new FixedTime(new DateTimeOffset(2021, 3, 1, 12, 0, 0, TimeSpan.Zero)));
        var now = RecordHooks.Map(prefetch, server.Record.PatientId);

        during.Sections.Patient!.Pregnant.Should().BeTrue("the 72892002 Normal pregnancy of 2020-10-07 is active and unabated; the four before it are resolved");
        during.Evidence.Should().Contain("Pregnancy: pregnant (an active pregnancy Condition since 2020-10-07).");
        now.Sections.Patient!.Pregnant.Should().BeNull("a pregnancy that began in 2020 is not under way now");
        now.Notes.Should().Contain(n => n.StartsWith("An active pregnancy Condition since 2020-10-07 began more than 44 weeks ago", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PatientView_SyntheaAlixWithAnImnmWorkup_AvoidsMethotrexateWhilePregnantAndSaysTheConditionIsOutOfDateLater()
    {
        await using var server = await RecordFhirServer.StartAsync(RecordSearch.Load("real-synthea-alix-b5598b1a.json"));
        var prefetch = RecordHooks.Prefetch(server, RecordHooks.AssessmentTemplates());
        var patient = server.Record.PatientId;
        var ck = FhirMapping.Ck("ck-1", "9000", "U/L", "2021-02-20").Replace("Patient/pt-1", $"Patient/{patient}", StringComparison.Ordinal);
        prefetch["ck"] = JsonNode.Parse($$"""{ "resourceType": "Bundle", "type": "searchset", "total": 1, "entry": [ { "resource": {{ck}} } ] }""");
        var antibodies = CdsFixtures.Node("order-select-statin-hmgcr-positive.json")["prefetch"]!["myositisAntibodies"]!.DeepClone();
        foreach (var entry in antibodies["entry"]!.AsArray())
        {
            entry!["resource"]!["subject"] = new JsonObject { ["reference"] = $"Patient/{patient}" };
        }

        prefetch["myositisAntibodies"] = antibodies;
        using var during = factory.With(server.Settings(3000)).WithWebHostBuilder(builder => builder.ConfigureTestServices(
            services => services.AddSingleton<TimeProvider>(new FixedTime(new DateTimeOffset(2021, 3, 1, 12, 0, 0, TimeSpan.Zero)))));
        using var now = factory.With(server.Settings(3000));

        var pregnantCards = await (await during.CreateClient().PostHookAsync("imnm-assessment", RecordHooks.Call(server, prefetch))).CardsAsync();
        var laterCards = await (await now.CreateClient().PostHookAsync("imnm-assessment", RecordHooks.Call(server, prefetch))).CardsAsync();

        var pregnant = pregnantCards[0]!["detail"]!.GetValue<string>();
        pregnant.Should().Contain("Pregnancy: pregnant (an active pregnancy Condition since 2020-10-07).");
        pregnant.Should().Contain("Avoid in pregnancy: methotrexate is teratogenic");
        var later = laterCards[0]!["detail"]!.GetValue<string>();
        later.Should().Contain("An active pregnancy Condition since 2020-10-07 began more than 44 weeks ago");
        later.Should().NotContain("Avoid in pregnancy: methotrexate is teratogenic");
        pregnantCards.ShouldKeepTheCardRules();
        laterCards.ShouldKeepTheCardRules();
    }

    private static string Coded(string system, string code) =>
        $$"""  "valueCodeableConcept": { "coding": [ { "system": "{{system}}", "code": "{{code}}" } ] }""";

    private static string Status(string id, string code, string date, string value, string status = "final", string system = Loinc) => $$"""
        {
          "resourceType": "Observation", "id": "{{id}}", "status": "{{status}}",
          "code": { "coding": [ { "system": "{{system}}", "code": "{{code}}", "display": "Pregnancy status" } ] },
          "subject": { "reference": "Patient/pt-1" },
          "effectiveDateTime": "{{date}}",
          {{value}}
        }
        """;

    private static string Condition(string id, string onset, string clinical, string? verification, string? abatement, string code = "77386006", string display = "Pregnant") => $$"""
        {
          "resourceType": "Condition", "id": "{{id}}",
          "clinicalStatus": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "{{clinical}}" } ] },
          {{(verification is null ? "" : $$"""
          "verificationStatus": { "coding": [ { "system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "{{verification}}" } ] },
          """)}}
          "code": { "coding": [ { "system": "http://snomed.info/sct", "code": "{{code}}", "display": "{{display}}" } ] },
          "subject": { "reference": "Patient/pt-1" },
          {{abatement ?? ""}}
          "onsetDateTime": "{{onset}}"
        }
        """;
}
