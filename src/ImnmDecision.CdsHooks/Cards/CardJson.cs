using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImnmDecision.CdsHooks.Cards;

/// <summary>
/// JSON settings of CDS Hooks answers: camelCase, nulls omitted, and markdown characters (<c>&lt;</c>,
/// <c>&amp;</c>, quotes) written as themselves rather than <c>\u</c> escapes, since the answer is JSON for an
/// EHR, never embedded in HTML.
/// </summary>
internal static class CardJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
