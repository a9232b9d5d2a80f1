using System.Text.Json;
using System.Text.Json.Serialization;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Serialization;

/// <summary>Reads <c>U/L</c> (also <c>IU/L</c>) and <c>ukat/L</c>; writes the contract's names.</summary>
public sealed class CkUnitJsonConverter : JsonConverter<CkUnit>
{
    /// <inheritdoc />
    public override CkUnit Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String && JsonNames.TryParse<CkUnit>(reader.GetString()!, out var unit))
        {
            return unit;
        }

        throw new JsonException("The CK unit must be U/L (or IU/L) or ukat/L.");
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, CkUnit value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(JsonNames.Name(value));
    }
}
