using System.Collections.Frozen;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization;
using System.Text.Json;

namespace ImnmDecision.Engine.Serialization;

/// <summary>The contract's spelling of enum values: lowercase kebab-case, or the member's declared JSON name.</summary>
/// <remarks>
/// The tables are built once per enum type by non-generic code and keyed by the value's number, so that the
/// generic methods here stay thin. (Dictionaries keyed by each enum type cost the JIT a few dozen methods per
/// enum, several thousand at start-up, and every command and request pays for them before its first answer.)
/// </remarks>
public static class JsonNames
{
    /// <summary>The contract name of a value.</summary>
    public static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum => Cache<TEnum>.Table.Name(Number(value));

    /// <summary>All contract names, in declaration order.</summary>
    public static IReadOnlyList<string> Names<TEnum>()
        where TEnum : struct, Enum => Cache<TEnum>.Table.Names;

    /// <summary>Every accepted spelling (the contract names and the declared aliases) with its value's number.</summary>
    public static FrozenDictionary<string, int> Spellings<TEnum>()
        where TEnum : struct, Enum => Cache<TEnum>.Table.ValueByName;

    /// <summary>Parses a contract name (or a declared alias) exactly (case-sensitive).</summary>
    public static bool TryParse<TEnum>(string text, out TEnum value)
        where TEnum : struct, Enum => From(Cache<TEnum>.Table.ValueByName.TryGetValue(text, out var number), number, out value);

    /// <summary>Parses a contract name exactly (case-sensitive) from UTF-16 characters.</summary>
    public static bool TryParse<TEnum>(ReadOnlySpan<char> text, out TEnum value)
        where TEnum : struct, Enum => From(Cache<TEnum>.Table.Lookup.TryGetValue(text, out var number), number, out value);

    private static int Number<TEnum>(TEnum value)
        where TEnum : struct, Enum => Unsafe.BitCast<TEnum, int>(value);

    private static bool From<TEnum>(bool found, int number, out TEnum value)
        where TEnum : struct, Enum
    {
        value = found ? Unsafe.BitCast<int, TEnum>(number) : default;
        return found;
    }

    private static class Cache<TEnum>
        where TEnum : struct, Enum
    {
        public static readonly NameTable Table = new(typeof(TEnum));
    }

    /// <summary>One enum type's names, read from its fields.</summary>
    private sealed class NameTable
    {
        private readonly string[] nameByNumber;
        private readonly string typeName;

        public NameTable(Type type)
        {
            if (Enum.GetUnderlyingType(type) != typeof(int))
            {
                throw new NotSupportedException($"JsonNames reads enums stored as int; {type.Name} is stored as {Enum.GetUnderlyingType(type).Name}.");
            }

            var fields = type.GetFields(BindingFlags.Public | BindingFlags.Static)
                .OrderBy(field => (int)field.GetRawConstantValue()!)
                .ToArray();
            var numbers = fields.Select(field => (int)field.GetRawConstantValue()!).ToArray();
            if (numbers.Where((number, index) => number != index).Any())
            {
                throw new NotSupportedException($"JsonNames reads enums numbered 0, 1, 2 and so on; {type.Name} is not.");
            }

            typeName = type.Name;
            nameByNumber = [.. fields.Select(NameOf)];
            Names = nameByNumber.AsReadOnly();
            ValueByName = fields.Select((field, number) => (Name: nameByNumber[number], Number: number))
                .Concat(fields.SelectMany((field, number) => field.GetCustomAttributes<JsonAliasAttribute>().Select(alias => (Name: alias.Alias, Number: number))))
                .ToFrozenDictionary(p => p.Name, p => p.Number, StringComparer.Ordinal);
            Lookup = ValueByName.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public IReadOnlyList<string> Names { get; }

        public FrozenDictionary<string, int> ValueByName { get; }

        public FrozenDictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

        public string Name(int number) => (uint)number < (uint)nameByNumber.Length
            ? nameByNumber[number]
            : throw new KeyNotFoundException($"The value is not one of {typeName}'s."); // The value itself may come from a case: not repeated.

        private static string NameOf(FieldInfo field) =>
            field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? JsonNamingPolicy.KebabCaseLower.ConvertName(field.Name);
    }
}
