using System.Text.Json;
using Hl7.Fhir.Model;

namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>
/// Collects a Bundle's entries one at a time (from a whole document or from a stream of entries): each
/// resource through Firely on its own, OperationOutcome entries counted apart, the first <c>next</c> and <c>self</c> links kept.
/// </summary>
internal sealed class BundleReading
{
    private readonly List<FhirEntry> entries = [];
    private int unreadable;
    private int partials;
    private int outcomes;
    private int failingOutcomes;
    private int items;
    private int dropped;
    private string? next;
    private string? self;

    /// <summary>Whether <see cref="FhirPage.MaxEntries"/> entries were taken: further ones are only counted (<see cref="Skip"/>).</summary>
    public bool Full => items >= FhirPage.MaxEntries;

    /// <summary>Counts an entry beyond the limit, not read.</summary>
    public void Skip() => dropped++;

    /// <summary>Reads one item of the Bundle's <c>entry</c> array (only counted once the page is <see cref="Full"/>).</summary>
    public void Entry(JsonElement item)
    {
        if (Full)
        {
            Skip();
            return;
        }

        items++;
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("resource", out var element) || element.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (FhirParsing.ResourceType(element) == "OperationOutcome")
        {
            outcomes++;
            failingOutcomes += FhirParsing.Read(element) is OperationOutcome outcome && FhirValues.HasError(outcome) ? 1 : 0;
            return;
        }

        if (FhirParsing.Read(element, out var partial) is { } resource)
        {
            partials += partial ? 1 : 0;
            var fullUrl = item.TryGetProperty("fullUrl", out var url) && url.ValueKind == JsonValueKind.String ? url.GetString() : null;
            entries.Add(new FhirEntry(resource, fullUrl));
        }
        else
        {
            unreadable++;
        }
    }

    /// <summary>Reads one item of the Bundle's <c>link</c> array; the first <c>next</c> and <c>self</c> links are kept.</summary>
    public void Link(JsonElement link)
    {
        if (link.ValueKind == JsonValueKind.Object
            && link.TryGetProperty("relation", out var relation) && relation.ValueKind == JsonValueKind.String
            && link.TryGetProperty("url", out var url) && url.ValueKind == JsonValueKind.String
            && url.GetString() is { Length: > 0 } found)
        {
            if (relation.ValueEquals("next"))
            {
                next ??= found;
            }
            else if (relation.ValueEquals("self"))
            {
                self ??= found;
            }
        }
    }

    /// <summary>The page: its resources, its <c>next</c> link, and whether it only reports a failed search.</summary>
    public FhirPage Page() => new()
    {
        Entries = entries,
        Next = next,
        Self = self,
        Failed = entries.Count == 0 && unreadable == 0 && outcomes > 0 && failingOutcomes > 0,
        Unreadable = unreadable,
        Partial = partials,
        Dropped = dropped,
    };
}
