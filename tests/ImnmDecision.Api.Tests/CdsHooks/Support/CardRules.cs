using System.Text.Json.Nodes;

namespace ImnmDecision.Api.Tests.CdsHooks.Support;

/// <summary>
/// The CDS Hooks 2.0 rules every card must keep: summary under 140 characters, indicator info, warning or
/// critical, a source with a label, a uuid, and no <c>null</c>, <c>""</c>, <c>[]</c> or <c>{}</c> anywhere.
/// </summary>
internal static class CardRules
{
    private static readonly string[] Indicators = ["info", "warning", "critical"];

    public static void ShouldKeepTheCardRules(this JsonArray cards)
    {
        foreach (var card in cards.Select(c => c!.AsObject()))
        {
            card["summary"]!.GetValue<string>().Length.Should().BeLessThan(140);
            Indicators.Should().Contain(card["indicator"]!.GetValue<string>());
            card["source"]!["label"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace();
            Guid.TryParse(card["uuid"]!.GetValue<string>(), out _).Should().BeTrue();
            if (card["suggestions"] is not null)
            {
                card["selectionBehavior"]!.GetValue<string>().Should().BeOneOf("at-most-one", "any");
            }

            foreach (var reason in card["overrideReasons"]?.AsArray() ?? [])
            {
                reason!["display"]!.GetValue<string>().Should().NotBeNullOrWhiteSpace("override reasons need a display");
            }

            NoEmptyValues(card, "card");
        }
    }

    private static void NoEmptyValues(JsonNode? node, string path)
    {
        switch (node)
        {
            case null:
                throw new Xunit.Sdk.XunitException($"{path} is null");
            case JsonObject obj:
                obj.Count.Should().BePositive($"{path} must not be an empty object");
                foreach (var (name, value) in obj)
                {
                    NoEmptyValues(value, $"{path}.{name}");
                }

                break;
            case JsonArray array:
                array.Count.Should().BePositive($"{path} must not be an empty array");
                for (var i = 0; i < array.Count; i++)
                {
                    NoEmptyValues(array[i], $"{path}[{i}]");
                }

                break;
            case JsonValue value when value.TryGetValue<string>(out var text):
                text.Should().NotBeEmpty($"{path} must not be an empty string");
                break;
        }
    }
}
