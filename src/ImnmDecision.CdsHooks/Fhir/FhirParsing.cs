using System.Runtime.InteropServices;
using System.Text.Json;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;
using Hl7.Fhir.Validation;

namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>
/// FHIR R4 JSON through Firely's System.Text.Json deserializer, resource by resource: a Bundle's entries are
/// read one at a time so that one resource that does not follow FHIR is skipped on its own instead of failing
/// the whole answer. Elements that do not fit FHIR R4 are left out of the POCO (Firely keeps them as overflow)
/// and the resource is reported as partially read.
/// </summary>
internal static class FhirParsing
{
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings().UsingMode(DeserializationMode.NoOverflow));

    /// <summary>The <c>resourceType</c> of a JSON object, or <c>null</c>.</summary>
    public static string? ResourceType(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object
        && element.TryGetProperty("resourceType", out var type)
        && type.ValueKind == JsonValueKind.String
            ? type.GetString()
            : null;

    /// <summary>One resource as Firely's POCO; <c>null</c> when it cannot be read at all.</summary>
    public static Resource? Read(JsonElement element) => Read(element, out _);

    /// <summary>
    /// One resource as Firely's POCO; <c>null</c> when it cannot be read at all. <paramref name="partial"/> says
    /// that some of its elements did not follow FHIR R4 and were left out.
    /// </summary>
    public static Resource? Read(JsonElement element, out bool partial)
    {
        partial = false;
        if (ResourceType(element) is null)
        {
            return null;
        }

        return Deserialize(JsonMarshal.GetRawUtf8Value(element), repair: true, out partial);
    }

    private static Resource? Deserialize(ReadOnlySpan<byte> json, bool repair, out bool partial)
    {
        partial = false;
        var reader = new Utf8JsonReader(json);
        try
        {
            return Deserializer.DeserializeResource(ref reader);
        }
        catch (DeserializationFailedException failed)
        {
            // A list where FHIR R4 has one value (or one value where it has a list, or an empty list) is kept by
            // Firely in a shape its getters refuse to hand out: such a resource cannot be read safely as it is.
            // One value where R4 has a list is read again as a list of one (FhirListRepair); otherwise it is skipped.
            var mismatches = failed.Exceptions.Where(e => e.ErrorCode == CodedValidationException.PROPERTY_TYPE_MISMATCH_CODE).ToList();
            if (mismatches.Count > 0)
            {
                var paths = mismatches.Select(e => (e as ExtendedCodedException)?.InstancePath).OfType<string>().ToList();
                return repair && paths.Count == mismatches.Count && FhirListRepair.Wrap(json, paths) is { } repaired
                    ? Deserialize(repaired, repair: false, out partial)
                    : null;
            }

            // A property given twice (two values of a choice element: valueQuantity and valueString) leaves Firely's
            // partial result holding one value in the other's place, and its getters throw: skipped, as unreadable.
            if (failed.Exceptions.Any(e => e.ErrorCode == FhirJsonException.DUPLICATE_PROPERTY_CODE))
            {
                return null;
            }

            partial = true;
            return failed.PartialResult as Resource;
        }
        catch (Exception exception) when (exception is JsonException or FormatException or InvalidOperationException or InvalidCastException
            or ArgumentException or CodedException or NotSupportedException or OverflowException or IndexOutOfRangeException)
        {
            // Firely fails with an index error on a property whose name is empty ("": 1, valid JSON).
            return null;
        }
    }

    /// <summary>Reads a prefetch value or a search answer (a Bundle, an OperationOutcome or a single resource).</summary>
    public static FhirPage Page(JsonElement value)
    {
        switch (ResourceType(value))
        {
            case null:
            case "OperationOutcome":
                return FhirPage.Failure;
            case "Bundle":
                return Bundle(value);
            default:
                return Read(value, out var partial) is { } single
                    ? new FhirPage { Entries = [new FhirEntry(single)], Partial = partial ? 1 : 0 }
                    : new FhirPage { Entries = [], Unreadable = 1 };
        }
    }

    private static FhirPage Bundle(JsonElement bundle)
    {
        var reading = new BundleReading();
        if (bundle.TryGetProperty("entry", out var items) && items.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in items.EnumerateArray())
            {
                reading.Entry(item);
            }
        }

        if (bundle.TryGetProperty("link", out var links) && links.ValueKind == JsonValueKind.Array)
        {
            foreach (var link in links.EnumerateArray())
            {
                reading.Link(link);
            }
        }

        return reading.Page();
    }
}
