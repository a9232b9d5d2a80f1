using System.Text.Json;

namespace ImnmDecision.CdsHooks.Http;

/// <summary>
/// Whether every string and property name of a parsed JSON document can be read as text. JSON may carry
/// escapes that are not Unicode (a lone surrogate, <c>"\ud800"</c>); reading such a string throws, so a document
/// from outside is checked once, where it arrives, and refused whole when it fails.
/// </summary>
public static class JsonText
{
    public static bool IsDecodable(JsonElement element)
    {
        try
        {
            return Walk(element);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static bool Walk(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                _ = element.GetString();
                return true;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item);
                }

                return true;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    _ = property.Name;
                    Walk(property.Value);
                }

                return true;
            default:
                return true;
        }
    }
}
