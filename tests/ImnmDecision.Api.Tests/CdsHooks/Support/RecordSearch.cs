using System.Globalization;
using System.Text.Json.Nodes;

namespace ImnmDecision.Api.Tests.CdsHooks.Support;

/// <summary>
/// A public patient record (a <c>real-*</c> fixture) as a FHIR server holds it, searched the way the prefetch
/// templates search: reads, <c>patient=</c>, token lists on <c>code</c> and <c>category</c>, <c>_sort=-date</c>,
/// <c>_count</c> with <c>next</c> links, and <c>_include</c> of the referenced Medication.
/// </summary>
internal sealed class RecordSearch
{
    private const string LatestFirst = "-date";

    private RecordSearch(List<JsonObject> resources, string patientId)
    {
        Resources = resources;
        PatientId = patientId;
    }

    /// <summary>Every resource of the record, references from <c>urn:uuid:</c> rewritten to <c>Type/id</c> as a server stores them.</summary>
    public IReadOnlyList<JsonObject> Resources { get; }

    /// <summary>The record's patient: the hook request's <c>context.patientId</c>, else the id of its Patient.</summary>
    public string PatientId { get; }

    /// <summary>Reads a fixture: a hook request (its prefetched resources), a Bundle (its entries) or one resource.</summary>
    public static RecordSearch Load(string fixture)
    {
        var root = CdsFixtures.Node(fixture);
        var resources = new List<JsonObject>();
        string? patientId = null;
        if (root["hook"] is not null)
        {
            patientId = root["context"]!["patientId"]!.GetValue<string>();
            foreach (var (_, value) in root["prefetch"]!.AsObject())
            {
                Collect(value!.AsObject(), resources);
            }
        }
        else
        {
            Collect(root, resources);
        }

        var unique = resources.DistinctBy(r => (Type(r), Id(r))).Select(r => r.DeepClone().AsObject()).ToList();
        // Ids are unique per resource type only (the FHIR specification's examples hold Patient/example and
        // Observation/example): only an id that one resource of the record carries can stand for a urn:uuid.
        var local = unique.GroupBy(r => "urn:uuid:" + Id(r), StringComparer.Ordinal).Where(g => g.Count() == 1)
            .ToDictionary(g => g.Key, g => $"{Type(g.Single())}/{Id(g.Single())}", StringComparer.Ordinal);
        unique.ForEach(r => Rewrite(r, local));
        patientId ??= Id(unique.First(r => Type(r) == "Patient"));
        return new RecordSearch(unique, patientId);
    }

    /// <summary>
    /// Answers a relative query (<c>Patient/x</c> or <c>Type?params</c>): the resource, a searchset Bundle, or null
    /// (404). <paramref name="pageSize"/> caps each page when the query has no <c>_count</c>; null is one page.
    /// </summary>
    public JsonObject? Answer(string query, Uri? baseUrl, int? pageSize)
    {
        var (path, parameters) = Split(query);
        if (path.Contains('/', StringComparison.Ordinal))
        {
            return Resources.FirstOrDefault(r => $"{Type(r)}/{Id(r)}" == path)?.DeepClone().AsObject();
        }

        IEnumerable<JsonObject> matches = Resources.Where(r => Type(r) == path);
        if (parameters.TryGetValue("patient", out var patient))
        {
            matches = matches.Where(r => References(r, "Patient/" + patient));
        }

        foreach (var tokenParameter in new[] { "code", "category" })
        {
            if (parameters.TryGetValue(tokenParameter, out var tokens))
            {
                var wanted = tokens.Split(',').Select(t => t.Replace("\\", string.Empty, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
                matches = matches.Where(r => Codings(r[tokenParameter]).Any(c => wanted.Contains(c) || wanted.Contains(c[(c.IndexOf('|', StringComparison.Ordinal) + 1)..])));
            }
        }

        if (parameters.GetValueOrDefault("_sort") == LatestFirst)
        {
            matches = matches.OrderByDescending(ClinicalDate, StringComparer.Ordinal);
        }

        var all = matches.ToList();
        var size = parameters.TryGetValue("_count", out var count) ? int.Parse(count, CultureInfo.InvariantCulture) : pageSize ?? int.MaxValue;
        var offset = parameters.TryGetValue("_offset", out var skip) ? int.Parse(skip, CultureInfo.InvariantCulture) : 0;
        var page = all.Skip(offset).Take(size).ToList();
        var entries = new JsonArray();
        foreach (var match in page)
        {
            entries.Add(Entry(match, "match", baseUrl));
        }

        if (parameters.ContainsKey("_include"))
        {
            foreach (var medication in page.Select(r => r["medicationReference"]?["reference"]?.GetValue<string>()).OfType<string>().Distinct(StringComparer.Ordinal))
            {
                if (Resources.FirstOrDefault(r => $"{Type(r)}/{Id(r)}" == medication) is { } included)
                {
                    entries.Add(Entry(included, "include", baseUrl));
                }
            }
        }

        // Links as HAPI FHIR writes them: self is the search as run (with the parameters applied), next the following page.
        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["total"] = all.Count };
        var root = baseUrl?.ToString() ?? "http://example.org/fhir";
        var links = new JsonArray(new JsonObject { ["relation"] = "self", ["url"] = $"{root}/{query}" });
        if (offset + size < all.Count)
        {
            var next = $"{root}/{System.Text.RegularExpressions.Regex.Replace(query, "&_offset=[0-9]+", string.Empty)}&_offset={offset + size}";
            links.Add(new JsonObject { ["relation"] = "next", ["url"] = next });
        }

        bundle["link"] = links;

        if (entries.Count > 0)
        {
            bundle["entry"] = entries;
        }

        return bundle;
    }

    private static (string Path, Dictionary<string, string> Parameters) Split(string query)
    {
        var mark = query.IndexOf('?', StringComparison.Ordinal);
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (mark < 0)
        {
            return (query, parameters);
        }

        foreach (var pair in query[(mark + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            parameters[Uri.UnescapeDataString(pair[..equals])] = Uri.UnescapeDataString(pair[(equals + 1)..]);
        }

        return (query[..mark], parameters);
    }

    private static void Collect(JsonObject node, List<JsonObject> into)
    {
        if (Type(node) != "Bundle")
        {
            into.Add(node);
            return;
        }

        foreach (var entry in node["entry"]?.AsArray() ?? [])
        {
            if (entry?["resource"] is JsonObject resource)
            {
                into.Add(resource);
            }
        }
    }

    private static JsonObject Entry(JsonObject resource, string mode, Uri? baseUrl) => new()
    {
        ["fullUrl"] = $"{baseUrl?.ToString() ?? "http://example.org/fhir"}/{Type(resource)}/{Id(resource)}",
        ["resource"] = resource.DeepClone(),
        ["search"] = new JsonObject { ["mode"] = mode },
    };

    private static bool References(JsonObject resource, string target) =>
        new[] { "subject", "patient" }.Any(p => resource[p]?["reference"]?.GetValue<string>() is { } reference
            && (reference == target || reference.EndsWith("/" + target, StringComparison.Ordinal)));

    private static IEnumerable<string> Codings(JsonNode? concepts) =>
        (concepts is JsonArray list ? list : new JsonArray(concepts?.DeepClone()))
            .SelectMany(c => c?["coding"]?.AsArray() ?? [])
            .Select(c => $"{c?["system"]?.GetValue<string>()}|{c?["code"]?.GetValue<string>()}");

    private static string ClinicalDate(JsonObject r) =>
        new[] { r["effectiveDateTime"], r["effectivePeriod"]?["start"], r["effectiveInstant"], r["issued"], r["authoredOn"], r["dateAsserted"], r["recordedDate"] }
            .Select(n => n?.GetValue<string>()).FirstOrDefault(d => d is not null) ?? string.Empty;

    private static void Rewrite(JsonNode? node, Dictionary<string, string> local)
    {
        switch (node)
        {
            case JsonObject obj:
                if (obj["reference"]?.GetValue<string>() is { } reference && local.TryGetValue(reference, out var stored))
                {
                    obj["reference"] = stored;
                }

                foreach (var (_, value) in obj.ToList())
                {
                    Rewrite(value, local);
                }

                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    Rewrite(item, local);
                }

                break;
        }
    }

    private static string Type(JsonObject r) => r["resourceType"]!.GetValue<string>();

    private static string Id(JsonObject r) => r["id"]!.GetValue<string>();
}
