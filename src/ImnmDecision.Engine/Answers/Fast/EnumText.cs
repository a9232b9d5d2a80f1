using System.Runtime.CompilerServices;
using System.Text.Json;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Answers.Fast;

/// <summary>The contract's spelling of each value of an enum (<see cref="JsonNames"/>), encoded once.</summary>
internal static class EnumText<TEnum>
    where TEnum : struct, Enum
{
    private static readonly JsonEncodedText[] Texts = [.. JsonNames.Names<TEnum>().Select(name => JsonEncodedText.Encode(name))];

    public static JsonEncodedText Of(TEnum value) => Texts[Unsafe.BitCast<TEnum, int>(value)];
}
