using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Door equivalence: every golden case's FHIR-expressible facts (sex, age, CK with its limit, anti-HMGCR and
/// anti-SRP results, a current or past statin) sent as the prefetch an EHR would send get, on the patient-view
/// card, the subtype and certainty the REST API gives for the same facts, and the card lists as missing exactly
/// what the REST answer lists (nothing guessed). The cards also keep the card rules: indicator critical only
/// with a critical alert, every cited number in the reference list, unique uuids, the ruleset in the source label.
/// Findings FHIR cannot carry here (symptoms, "never took a statin", weight) are left out of both calls.
/// </summary>
public sealed partial class FuzzCdsDoorEquivalenceTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    [Fact]
    public async Task EveryGoldenCase_ExpressedInFhir_GetsTheRestAnswersSubtypeCertaintyAndMissing()
    {
        using var client = factory.CreateClient();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "cases"), "*.json").Order(StringComparer.Ordinal).ToList();
        files.Should().HaveCountGreaterThan(100);
        var failures = new List<string>();
        var uuids = new HashSet<string>(StringComparer.Ordinal);
        var compared = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var golden = JsonNode.Parse(await File.ReadAllTextAsync(files[i]))!["findings"]!.AsObject();
            var record = GoldenFhirRecord.From(golden, i, today);
            var name = Path.GetFileName(files[i]);

            using var hook = await client.PostHookAsync("imnm-assessment", record.Call.ToJsonString());
            var cards = await hook.CardsAsync();
            cards.ShouldKeepTheCardRules();

            // A chart with no CK, antibody or biopsy result gets no card (no nagging on every chart opened); REST
            // can only say insufficient data then (and refuses findings that hold nothing at all).
            var myositisData = record.Findings.ContainsKey("ck") || record.Findings.ContainsKey("antibodies");
            if (!myositisData)
            {
                cards.Should().BeEmpty(name);
                continue;
            }

            using var rest = await client.PostAssessmentAsync(record.Findings.ToJsonString());
            rest.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, name);
            var answer = (await rest.ReadJsonAsync()).AsObject();
            if (cards.Count == 0)
            {
                failures.Add($"{name}: no card; REST {answer["subtype"]!["code"]}");
                continue;
            }

            compared++;
            var card = cards[0]!.AsObject();
            var detail = card["detail"]!.GetValue<string>();
            var subtype = answer["subtype"]!;
            var expectedHead = $"**{subtype["label"]}**";
            if (!detail.StartsWith(expectedHead, StringComparison.Ordinal))
            {
                failures.Add($"{name}: REST {subtype["code"]}/{subtype["certainty"]}, card {detail.Split('\n')[0]}");
            }
            else if (Certainty(subtype["certainty"]?.GetValue<string>()) is { } certainty && !detail.StartsWith($"{expectedHead} ({certainty})", StringComparison.Ordinal))
            {
                failures.Add($"{name}: REST certainty {subtype["certainty"]}, card {detail.Split('\n')[0]}");
            }

            var restMissing = answer["missing"]!.AsArray().Select(m => m!["field"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToList();
            var cardMissing = MissingFields(detail);
            if (!restMissing.SequenceEqual(cardMissing))
            {
                failures.Add($"{name}: missing REST [{string.Join(", ", restMissing)}] card [{string.Join(", ", cardMissing)}]");
            }

            var critical = answer["alerts"]!.AsArray().Any(a => a!["severity"]!.GetValue<string>() == "critical");
            if ((card["indicator"]!.GetValue<string>() == "critical") != critical)
            {
                failures.Add($"{name}: indicator {card["indicator"]} with critical alert {critical}");
            }

            foreach (var each in cards.Select(c => c!.AsObject()))
            {
                CheckCard(name, each, rest.RulesetHeader()!, uuids, failures);
            }
        }

        compared.Should().BeGreaterThan(200, "nearly every golden case has a CK or an antibody result");
        failures.Should().BeEmpty(string.Join("\n", failures));
    }

    private static void CheckCard(string name, JsonObject card, string ruleset, HashSet<string> uuids, List<string> failures)
    {
        var detail = card["detail"]!.GetValue<string>();
        if (!uuids.Add(card["uuid"]!.GetValue<string>()))
        {
            failures.Add($"{name}: uuid repeated");
        }

        if (!card["source"]!["label"]!.GetValue<string>().Contains(ruleset, StringComparison.Ordinal))
        {
            failures.Add($"{name}: source label '{card["source"]!["label"]}' lacks ruleset {ruleset}");
        }

        var listed = ReferenceNumber().Matches(detail.Split("#### References\n").Skip(1).FirstOrDefault() ?? "").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        var cited = CitationMarker().Matches(detail).SelectMany(m => m.Groups[1].Value.Split(", ")).Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture));
        foreach (var number in cited.Where(n => !listed.Contains(n)).Distinct())
        {
            failures.Add($"{name}: citation [{number}] not in the references");
        }
    }

    private static string? Certainty(string? code) => code switch
    {
        "meets-criteria" => "meets ENMC criteria",
        "probable" => "probable",
        "possible" => "possible",
        _ => null,
    };

    private static List<string> MissingFields(string detail)
    {
        var section = detail.Split("#### Missing (not guessed)\n").Skip(1).FirstOrDefault()?.Split("\n\n")[0] ?? "";
        return [.. MissingField().Matches(section).Select(m => m.Groups[1].Value).Order(StringComparer.Ordinal)];
    }

    [GeneratedRegex(@"^- .*?\(`([A-Za-z0-9.]+)`\):", RegexOptions.Multiline)]
    private static partial Regex MissingField();

    [GeneratedRegex(@"^(\d+)\. ", RegexOptions.Multiline)]
    private static partial Regex ReferenceNumber();

    [GeneratedRegex(@" \[(\d+(?:, \d+)*)\]")]
    private static partial Regex CitationMarker();
}
