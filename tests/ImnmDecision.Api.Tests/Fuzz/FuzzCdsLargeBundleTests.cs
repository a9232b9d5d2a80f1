using System.Buffers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.CdsHooks.Fhir;
using ImnmDecision.CdsHooks.Prefetch;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// A Bundle of thousands of small resources fits the 8 MiB body limit (or a FHIR server's per-answer cap) and
/// took seconds to read one resource at a time, far beyond the time budget. A page is read up to
/// <see cref="FhirPage.MaxEntries"/> resources; the rest are not read, and the card says the results are incomplete.
/// </summary>
public sealed class FuzzCdsLargeBundleTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private const int Count = FhirPage.MaxEntries + 500;

    [Fact]
    public void FromPrefetch_BundleOverTheEntryLimit_ReadsTheLimitAndSaysTheRestWereNotRead()
    {
        var templates = new PrefetchTemplates(CdsFixtures.Codes);
        using var document = JsonDocument.Parse(Bundle(Count).ToJsonString());

        var slot = PrefetchResolver.FromPrefetch(templates.Assessment[1], document.RootElement);

        slot.Resources.Should().HaveCount(FhirPage.MaxEntries);
        slot.Resources[0].Id.Should().Be("ck-0", "the first entries are read, in the order sent");
        slot.Truncation.Should().Be($"more than {FhirPage.MaxEntries} results; the rest were not read");
        slot.Next.Should().BeNull("no further page is read once a page is over the limit");
    }

    [Fact]
    public void SequencePage_BundleOverTheEntryLimit_ReadsAsTheWholeDocumentDoes()
    {
        var json = Bundle(Count).ToJsonString();
        using var document = JsonDocument.Parse(json);

        var streamed = FhirSequenceParsing.Page(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)));
        var whole = FhirParsing.Page(document.RootElement);

        streamed.Entries.Should().HaveCount(FhirPage.MaxEntries);
        (streamed.Dropped, whole.Dropped).Should().Be((500, 500));
        whole.Entries.Should().HaveCount(FhirPage.MaxEntries);
    }

    [Fact]
    public async Task PatientView_PrefetchOfThousandsOfCkResults_IsAnsweredWithTheCkResultsMarkedIncomplete()
    {
        using var client = factory.CreateClient();
        var body = CdsHttp.Edit("patient-view-anti-hmgcr-statin-exposed.json", call => call["prefetch"]!["ck"] = Bundle(Count));

        var cards = await (await client.PostHookAsync("imnm-assessment", body)).CardsAsync();

        var card = cards[0]!.AsObject();
        card["summary"]!.GetValue<string>().Should().StartWith("Incomplete data.");
        card["detail"]!.GetValue<string>().Should().Contain($"- CK results: more than {FhirPage.MaxEntries} results; the rest were not read.");
    }

    [Fact]
    public async Task PatientView_ThousandResultsThatCannotBeUsed_AreNotListedOneByOne()
    {
        using var client = factory.CreateClient();
        var ck = Bundle(FhirPage.MaxEntries);
        foreach (var entry in ck["entry"]!.AsArray())
        {
            entry!["resource"]!["status"] = "cancelled";
        }

        var body = CdsHttp.Edit("patient-view-anti-hmgcr-statin-exposed.json", call => call["prefetch"]!["ck"] = ck);

        var detail = (await (await client.PostHookAsync("imnm-assessment", body)).CardsAsync())[0]!["detail"]!.GetValue<string>();

        var seen = detail[detail.IndexOf("#### Seen but not used\n", StringComparison.Ordinal)..];
        seen = seen[..seen.IndexOf("\n\n", StringComparison.Ordinal)];
        seen.Split('\n').Should().HaveCount(1 + 5 + 1, "a heading, 5 notes and a line that counts the rest");
        seen.Should().Contain("- A CK result (2024-03-02, cancelled) was not used.").And.EndWith($"- … and {FhirPage.MaxEntries - 5} more like this.");
    }

    // A searchset of CK results, newest first.
    private static JsonObject Bundle(int count)
    {
        var entries = new JsonArray();
        var day = new DateOnly(2024, 3, 2);
        for (var i = 0; i < count; i++)
        {
            entries.Add(new JsonObject
            {
                ["resource"] = JsonNode.Parse(FhirMapping.Ck($"ck-{i}", "1200", "U/L", day.AddDays(-i).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
                    .Replace("pt-1", "pt-hmgcr-1", StringComparison.Ordinal)),
            });
        }

        return new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["entry"] = entries };
    }
}
