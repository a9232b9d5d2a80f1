using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Record text in the card (CDS fuzz round 6): every free-text element of every patient-view fixture (names,
/// display and code texts, units, notes, conclusions, result strings) carries markup an EHR would render: a
/// script tag, an HTML image, a markdown link, a pipe table, backticks and a heading. Oracle: every call is
/// answered 200, the cards keep the card rules, and no card's markdown holds raw HTML, a markdown link or a
/// heading that came from the record.
/// </summary>
public sealed partial class FuzzCdsRecordTextTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private const string Payload = "<script>alert(1)</script><img src=x onerror=alert(2)>[click](javascript:alert(3)) | a | b |\n|---|---|\n`code` **bold**\n# Heading";

    private static readonly HashSet<string> TextElements = new(StringComparer.Ordinal)
    {
        "display", "text", "family", "given", "unit", "conclusion", "valueString", "comment", "div", "title", "name",
    };

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task PatientView_MarkupInEveryTextElement_NeverReachesTheCardAsMarkup(string fixture)
    {
        using var client = factory.CreateClient();
        var call = CdsFixtures.Node(fixture);
        Poison(call["prefetch"]);

        var response = await client.PostHookAsync("imnm-assessment", call.ToJsonString());

        var cards = await response.CardsAsync();
        cards.ShouldKeepTheCardRules();
        foreach (var card in cards.Select(c => c!.AsObject()))
        {
            var text = $"{card["summary"]}\n{card["detail"]}";
            RawHtml().IsMatch(text).Should().BeFalse($"no HTML from the record: {RawHtml().Match(text).Value}");
            text.Should().NotContain("javascript:").And.NotContain("](").And.NotContain("# Heading").And.NotContain("|---|");
        }
    }

    public static TheoryData<string> Fixtures() =>
    [
        .. Directory.EnumerateFiles(Path.GetDirectoryName(CdsFixtures.PathOf("x"))!, "*patient-view*.json").Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal),
    ];

    private static void Poison(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, value) in obj.ToList())
                {
                    if (TextElements.Contains(name) && value is JsonValue leaf && leaf.TryGetValue<string>(out var text))
                    {
                        obj[name] = text + Payload;
                    }
                    else if (TextElements.Contains(name) && value is JsonArray { Count: > 0 } list && list[0] is JsonValue first && first.TryGetValue<string>(out var given))
                    {
                        list[0] = given + Payload;
                    }
                    else if (name == "note" && value is JsonArray)
                    {
                        obj[name] = new JsonArray(new JsonObject { ["text"] = Payload });
                    }
                    else
                    {
                        Poison(value);
                    }
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Poison(item);
                }

                break;
        }
    }

    // An HTML tag; the reference list's autolinks (<https://...>) are markdown, not HTML.
    [GeneratedRegex(@"<(?!https://)[A-Za-z/!]")]
    private static partial Regex RawHtml();
}
