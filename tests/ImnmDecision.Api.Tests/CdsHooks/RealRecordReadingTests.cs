using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.CdsHooks.Prefetch;

namespace ImnmDecision.Api.Tests.CdsHooks;

/// <summary>
/// Misreads found by driving public records through patient-view as the CDS Hooks sandbox does (sources in
/// Fixtures/README.md), each with the record as published: SMART's smart-8888801 (ALT and AST with a "normal"
/// range of 0 to 0 U/L), smart-621799 (three CK results on one day without a time) and Synthea's Alda Carter
/// (a child with 14 weights, searched with <c>_count=1</c> from a server that pages as HAPI FHIR does).
/// </summary>
public sealed class RealRecordReadingTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    [Fact]
    public async Task Map_LabRangeOfZeroToZero_IsNoUpperLimitSoTheLiverLabsStayUnknown()
    {
        await using var server = await RecordFhirServer.StartAsync(RecordSearch.Load("real-smart-8888801.json"));

        var mapped = RecordHooks.Map(RecordHooks.Prefetch(server, RecordHooks.AssessmentTemplates()), server.Record.PatientId);

        mapped.Sections.Booleans.Should().NotContainKey("labs.altElevated").And.NotContainKey("labs.astElevated");
        mapped.Evidence.Should().NotContain(e => e.Contains("upper limit 0 U/L", StringComparison.Ordinal), "a range of 0 to 0 U/L is a placeholder, not the lab's normal range");
        mapped.Notes.Should().Contain("6 ALT results (2013-01-16 to 2016-02-08) have neither a value with an applicable upper limit nor a high or normal interpretation, so whether ALT is elevated is not known.");
    }

    [Fact]
    public async Task PatientView_ThreeCkResultsOnOneDayWithoutATime_SaysWhichIsNewestIsNotRecorded()
    {
        var detail = await DetailAsync("real-smart-621799.json");

        detail.Should().Contain("- CK 1,480 U/L on 2007-06-09 [status unknown in the record]; lab upper limit of normal 259 U/L (most recent; 3 results carry this same date and time, so which is the newest is not recorded).");
        detail.Should().Contain("- Highest CK of the 4 results in the record: 2,689 U/L on 2007-06-09");
    }

    [Fact]
    public async Task PatientView_NewestOnlySearchesOnAServerThatSortsAndPages_ReadOnlyTheFirstPage()
    {
        await using var server = await RecordFhirServer.StartAsync(RecordSearch.Load("real-synthea-alda-ee1034c9.json"));
        using var host = factory.With(server.Settings(3000));
        using var client = host.CreateClient();

        var fetched = await (await client.PostHookAsync("imnm-assessment", RecordHooks.Call(server, prefetch: null))).CardsAsync();
        var prefetch = RecordHooks.Prefetch(server, RecordHooks.AssessmentTemplates());
        var prefetched = await (await client.PostHookAsync("imnm-assessment", RecordHooks.Call(server, prefetch))).CardsAsync();

        fetched.Should().BeEmpty("the child's record holds no CK, antibody or biopsy; its 8 weights are not a reason for an 'incomplete' card");
        prefetched.Should().BeEmpty();
        server.Requests.Should().NotContain(q => q.Contains("_offset=", StringComparison.Ordinal), "the weight search asks for the newest one and the server's self link shows it sorted newest first");
    }

    [Fact]
    public void FirstPageSuffices_OnlyForNewestFirstSearchesTheServerSorted()
    {
        var weight = new PrefetchTemplates(CdsFixtures.Codes).Assessment.Single(k => k.Name == PrefetchTemplates.Weight);
        var requests = new PrefetchTemplates(CdsFixtures.Codes).Assessment.Single(k => k.Name == PrefetchTemplates.StatinRequests);

        weight.FirstPageSuffices("http://127.0.0.1/fhir/Observation?patient=p&code=http%3A%2F%2Floinc.org%7C29463-7&_sort=-date&_count=1").Should().BeTrue();
        weight.FirstPageSuffices("http://127.0.0.1/fhir/Observation?patient=p&_count=1").Should().BeFalse("a server that ignored _sort may hold the newest weight on a later page");
        weight.FirstPageSuffices(null).Should().BeFalse();
        requests.FirstPageSuffices("http://127.0.0.1/fhir/MedicationRequest?patient=p&_sort=-date").Should().BeFalse("every order is needed, not the newest");
    }

    private async Task<string> DetailAsync(string fixture)
    {
        await using var server = await RecordFhirServer.StartAsync(RecordSearch.Load(fixture));
        using var host = factory.With(server.Settings(3000));
        using var client = host.CreateClient();
        var cards = await (await client.PostHookAsync("imnm-assessment", RecordHooks.Call(server, RecordHooks.Prefetch(server, RecordHooks.AssessmentTemplates())))).CardsAsync();
        return cards.Should().ContainSingle().Subject!["detail"]!.GetValue<string>();
    }
}
