using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Rules.Loading;

/// <summary>
/// The catalogues the rules refer to: citations (and every reference to one), named parameters (and the
/// texts that quote them), the labels of ids and the reasons input fields matter when missing.
/// </summary>
internal sealed partial class CatalogueReader(LoadContext context)
{
    private static readonly string[] CitationKinds = ["consensus", "cohort-study", "review", "lab-catalogue", "patient-education"];

    public void ReadCitations(JsonCursor root)
    {
        if (!root.IsObject("$schema", "citations") || root.Property("citations") is not { } list)
        {
            return;
        }

        foreach (var item in list.Items())
        {
            if (!item.IsObject("id", "title", "authors", "year", "container", "doi", "url", "kind", "note"))
            {
                continue;
            }

            var id = item.String("id");
            var kind = item.String("kind");
            if (kind is not null && !CitationKinds.Contains(kind, StringComparer.Ordinal))
            {
                item.Property("kind")!.Value.Error($"unknown citation kind '{kind}' (allowed: {string.Join(", ", CitationKinds)})");
            }

            var citation = new Citation
            {
                Id = id ?? string.Empty,
                Title = item.String("title") ?? string.Empty,
                Authors = item.String("authors", required: false),
                Year = item.Integer("year", required: false),
                Container = item.String("container") ?? string.Empty,
                Doi = item.String("doi", required: false),
                Url = item.String("url", required: false),
                Kind = kind ?? string.Empty,
                Note = item.String("note", required: false),
            };
            if (id is not null && !context.Citations.TryAdd(id, citation))
            {
                item.Property("id")!.Value.Error($"duplicate citation id '{id}'");
            }
        }
    }

    /// <summary>The owner's <c>citations</c>, each checked against the catalogue; at least one when required.</summary>
    public IReadOnlyList<string> ReadCitationIds(JsonCursor owner, bool required = true)
    {
        var ids = owner.Strings("citations", required);
        if (required && owner.Has("citations") && ids.Count == 0)
        {
            owner.Property("citations")!.Value.Error("at least one citation is required");
        }

        if (owner.Property("citations", required: false) is { } list)
        {
            foreach (var item in list.Items())
            {
                var id = item.Element.ValueKind == JsonValueKind.String ? item.Element.GetString() : null;
                if (id is not null && !context.Citations.ContainsKey(id))
                {
                    item.Error($"unknown citation id '{id}' (not in {RulesetLoader.CitationsFile})");
                }
            }
        }

        return ids;
    }

    public string? Rationale(JsonCursor owner) => Text(owner, "rationale");

    public void ReadParameters(JsonCursor? section)
    {
        if (section is not { } s)
        {
            return;
        }

        foreach (var (name, value) in s.Members())
        {
            if (!value.IsObject("value", "unit", "rationale", "citations"))
            {
                continue;
            }

            var number = value.Number("value");
            var unit = value.String("unit");
            var rationale = Rationale(value);
            var cited = ReadCitationIds(value);
            if (number is { } n && unit is not null && rationale is not null)
            {
                context.Parameters[name] = new Parameter { Name = name, Value = n, Unit = unit, Rationale = rationale, Citations = cited };
            }
        }
    }

    /// <summary>A parameter the engine itself needs; NaN (with the defect recorded) when it is not defined.</summary>
    public double RequiredParameter(string name)
    {
        if (context.Parameters.TryGetValue(name, out var parameter))
        {
            return parameter.Value;
        }

        context.Errors.Add(new RulesetError(RulesetLoader.RulesetFile, "$.parameters", $"missing required parameter '{name}'"));
        return double.NaN;
    }

    /// <summary>A text with <c>{parameter}</c> placeholders filled in, so a threshold is written once.</summary>
    public string? Text(JsonCursor owner, string name)
    {
        var text = owner.String(name);
        if (text is null)
        {
            return null;
        }

        var ok = true;
        var filled = Placeholder().Replace(text, match =>
        {
            if (context.Parameters.TryGetValue(match.Groups[1].Value, out var parameter))
            {
                return parameter.Value.ToString("#,0.##", CultureInfo.InvariantCulture);
            }

            owner.Property(name)!.Value.Error($"unknown parameter '{match.Groups[1].Value}' in text");
            ok = false;
            return match.Value;
        });
        return ok ? filled : null;
    }

    /// <summary>A label for every value of <typeparamref name="TEnum"/>, and no other (empty only when <paramref name="allowEmpty"/>).</summary>
    public static FrozenDictionary<TEnum, string> ReadLabels<TEnum>(JsonCursor? section, bool allowEmpty = false)
        where TEnum : struct, Enum
    {
        var labels = new Dictionary<TEnum, string>();
        if (section is not { } s)
        {
            return labels.ToFrozenDictionary();
        }

        foreach (var (name, value) in s.Members())
        {
            if (!JsonNames.TryParse<TEnum>(name, out var key))
            {
                value.Error($"unknown id '{name}' (allowed: {string.Join(", ", JsonNames.Names<TEnum>())})");
            }
            else if (value.Element.ValueKind != JsonValueKind.String || (!allowEmpty && string.IsNullOrWhiteSpace(value.Element.GetString())))
            {
                value.Error(allowEmpty ? "expected a label (may be empty)" : "expected a non-empty label");
            }
            else
            {
                labels[key] = value.Element.GetString()!;
            }
        }

        foreach (var missing in Enum.GetValues<TEnum>().Where(v => !labels.ContainsKey(v)))
        {
            s.Error($"missing label for '{JsonNames.Name(missing)}'");
        }

        return labels.ToFrozenDictionary();
    }

    /// <summary>The <c>summary</c> section: the words of the one-sentence summary.</summary>
    public static SummaryWording? ReadSummaryWording(JsonCursor? section)
    {
        if (section is not { } s || !s.IsObject("certainty", "alerts", "critical", "next", "nothingRequired", "firstSteps"))
        {
            return null;
        }

        var certainty = ReadLabels<Assessments.Certainty>(s.Property("certainty"), allowEmpty: true);
        var alerts = ReadLabels<Assessments.AlertId>(s.Property("alerts"));
        var critical = s.String("critical");
        var next = s.String("next");
        var nothing = s.String("nothingRequired");
        return critical is null || next is null || nothing is null
            ? null
            : new SummaryWording { Certainty = certainty, Alerts = alerts, Critical = critical, Next = next, NothingRequired = nothing, FirstSteps = s.Strings("firstSteps", required: false) };
    }

    /// <summary>Why each input field matters when it is missing: one reason for every field, and no other.</summary>
    public static FrozenDictionary<string, string> ReadMissingReasons(JsonCursor? section)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        if (section is not { } s)
        {
            return reasons.ToFrozenDictionary(StringComparer.Ordinal);
        }

        foreach (var (name, value) in s.Members())
        {
            if (!InputField.IsKnown(name))
            {
                value.Error($"unknown input field '{name}'");
            }
            else if (value.Element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.Element.GetString()))
            {
                value.Error("expected a non-empty reason");
            }
            else
            {
                reasons[name] = value.Element.GetString()!;
            }
        }

        foreach (var field in InputField.All.Where(f => !reasons.ContainsKey(f)))
        {
            s.Error($"missing reason for input field '{field}'");
        }

        return reasons.ToFrozenDictionary(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_.\-]+)\}")]
    private static partial Regex Placeholder();
}
