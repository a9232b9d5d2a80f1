using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ImnmDecision.Engine.Serialization;

/// <summary>The contract's spelling of enum values: lowercase kebab-case, or the member's declared JSON name.</summary>
public static class JsonNames
{
    /// <summary>The contract name of a value.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => Cache<TEnum>.NameByValue[value];

    /// <summary>All contract names, in declaration order.</summary>
    public static IReadOnlyList<string> Names<TEnum>()
        where TEnum : struct, Enum => Cache<TEnum>.Names;

    /// <summary>Parses a contract name (or a declared alias) exactly (case-sensitive).</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum => Cache<TEnum>.ValueByName.TryGetValue(text, out value);

    /// <summary>Parses a contract name exactly (case-sensitive) from UTF-16 characters.</summary>
    public static bool TryParse<TEnum>(ReadOnlySpan<char> text, out TEnum value)
        where TEnum : struct, Enum => Cache<TEnum>.Lookup.TryGetValue(text, out value);

    private static class Cache<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly IReadOnlyList<string> Names;
        public static readonly FrozenDictionary<TEnum, string> NameByValue;
        public static readonly FrozenDictionary<string, TEnum> ValueByName;
        public static readonly FrozenDictionary<string, TEnum>.AlternateLookup<ReadOnlySpan<char>> Lookup;

        static Cache()
        {
            var values = Enum.GetValues<TEnum>();
            var names = values.Select(NameOf).ToArray();
            Names = names;
            NameByValue = values.Zip(names).ToFrozenDictionary(p => p.First, p => p.Second);
            ValueByName = values.Zip(names).Concat(values.SelectMany(v => AliasesOf(v).Select(alias => (v, alias))))
                .ToFrozenDictionary(p => p.Item2, p => p.Item1, StringComparer.Ordinal);
            Lookup = ValueByName.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        private static string NameOf(TEnum value)
        {
            var declared = Member(value).GetCustomAttribute<JsonStringEnumMemberNameAttribute>();
            return declared?.Name ?? JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
        }

        private static IEnumerable<string> AliasesOf(TEnum value) =>
            Member(value).GetCustomAttributes<JsonAliasAttribute>().Select(a => a.Alias);

        private static FieldInfo Member(TEnum value) =>
            typeof(TEnum).GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static)!;
    }
}
