using System.Buffers;
using System.Text.Json;

namespace ImnmDecision.CdsHooks.Fhir;

/// <summary>
/// Reads a FHIR server's answer straight from the blocks it arrived in, without first copying it into one
/// array: a first pass checks the JSON and finds the root's <c>resourceType</c>; a Bundle is then read entry by
/// entry (each entry a small document of its own), anything else as one document. Malformed JSON throws
/// <see cref="JsonException"/>, as <see cref="JsonDocument"/> does.
/// </summary>
internal static class FhirSequenceParsing
{
    private static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 64 };

    /// <summary>The page an answer holds (see <see cref="FhirParsing.Page(JsonElement)"/>).</summary>
    public static FhirPage Page(ReadOnlySequence<byte> body)
    {
        switch (RootResourceType(body))
        {
            case null:
            case "OperationOutcome":
                return FhirPage.Failure;
            case "Bundle":
                return Bundle(body);
            default:
                var reader = new Utf8JsonReader(body, ReaderOptions);
                using (var document = JsonDocument.ParseValue(ref reader))
                {
                    return FhirParsing.Page(document.RootElement);
                }
        }
    }

    // Reads the whole answer once (so that malformed JSON anywhere is refused, as a whole-document parse would)
    // and returns the root object's resourceType; null when the root is not an object or has none.
    private static string? RootResourceType(ReadOnlySequence<byte> body)
    {
        var reader = new Utf8JsonReader(body, ReaderOptions);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? type = null;
        while (reader.Read())
        {
            if (reader.CurrentDepth == 1 && reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals("resourceType"u8))
            {
                reader.Read();
                type = reader.TokenType == JsonTokenType.String && TryGetString(ref reader, out var text) ? text : null;
            }
        }

        return type;
    }

    private static FhirPage Bundle(ReadOnlySequence<byte> body)
    {
        var reading = new BundleReading();
        var reader = new Utf8JsonReader(body, ReaderOptions);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var entry = reader.ValueTextEquals("entry"u8);
            var link = !entry && reader.ValueTextEquals("link"u8);
            reader.Read();
            if (!(entry || link) || reader.TokenType != JsonTokenType.StartArray)
            {
                reader.Skip();
                continue;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (entry && reading.Full)
                {
                    reader.Skip();
                    reading.Skip();
                    continue;
                }

                using var item = JsonDocument.ParseValue(ref reader);
                if (entry)
                {
                    reading.Entry(item.RootElement);
                }
                else
                {
                    reading.Link(item.RootElement);
                }
            }
        }

        return reading.Page();
    }

    private static bool TryGetString(ref Utf8JsonReader reader, out string? text)
    {
        try
        {
            text = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            text = null;
            return false;
        }
    }
}
