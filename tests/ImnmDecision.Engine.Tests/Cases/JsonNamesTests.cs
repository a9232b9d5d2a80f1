using System.Reflection;
using System.Text.Json;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Tests.Cases;

/// <summary>
/// The contract names the batch readers, writers and rule loader use are the names the JSON contract itself
/// writes and reads, for every public enum of the engine.
/// </summary>
public sealed class JsonNamesTests
{
    private static readonly MethodInfo NameMethod = typeof(JsonNamesTests).GetMethod(nameof(NameOf), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ParseMethod = typeof(JsonNamesTests).GetMethod(nameof(ParseOf), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo NamesMethod = typeof(JsonNamesTests).GetMethod(nameof(NamesOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static TheoryData<Type> ContractEnums()
    {
        var data = new TheoryData<Type>();
        foreach (var type in typeof(Findings).Assembly.GetExportedTypes().Where(t => t.IsEnum).OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            data.Add(type);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ContractEnums))]
    public void Every_value_is_named_as_the_json_contract_writes_it_and_reads_back(Type enumType)
    {
        var names = (IReadOnlyList<string>)NamesMethod.MakeGenericMethod(enumType).Invoke(null, null)!;
        var values = Enum.GetValues(enumType);
        names.Should().HaveCount(values.Length);

        var index = 0;
        foreach (var value in values)
        {
            var written = JsonSerializer.Deserialize<string>(JsonSerializer.Serialize(value, enumType, ImnmJson.Options))!;
            var name = (string)NameMethod.MakeGenericMethod(enumType).Invoke(null, [value])!;

            name.Should().Be(written, "{0}.{1} is written so in the JSON contract", enumType.Name, value);
            names[index++].Should().Be(written, "Names lists the values in declaration order");
            ParseMethod.MakeGenericMethod(enumType).Invoke(null, [name]).Should().Be(value);
        }
    }

    [Theory]
    [MemberData(nameof(ContractEnums))]
    public void Declared_aliases_read_as_their_value_and_unknown_names_do_not_read(Type enumType)
    {
        foreach (var field in enumType.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            foreach (var alias in field.GetCustomAttributes<JsonAliasAttribute>())
            {
                ParseMethod.MakeGenericMethod(enumType).Invoke(null, [alias.Alias]).Should().Be(field.GetValue(null));
            }
        }

        ParseMethod.MakeGenericMethod(enumType).Invoke(null, ["not-a-value"]).Should().BeNull();
        ParseMethod.MakeGenericMethod(enumType).Invoke(null, [string.Empty]).Should().BeNull();
    }

    [Fact]
    public void Parsing_is_exact_from_strings_and_from_characters()
    {
        JsonNames.TryParse("IU/L", out CkUnit alias).Should().BeTrue();
        alias.Should().Be(CkUnit.UnitsPerLitre);
        JsonNames.TryParse("ukat/L".AsSpan(), out CkUnit declared).Should().BeTrue();
        declared.Should().Be(CkUnit.MicrokatalPerLitre);
        JsonNames.TryParse("anti-hmgcr ".AsSpan(), out AntibodyResult _).Should().BeFalse();
        JsonNames.TryParse("Positive", out AntibodyResult caseDiffers).Should().BeFalse();
        caseDiffers.Should().Be(default(AntibodyResult));
    }

    [Fact]
    public void An_undefined_value_has_no_name()
    {
        var act = () => JsonNames.Name((Sex)99);

        act.Should().Throw<KeyNotFoundException>();
    }

    [Fact]
    public void Enums_it_cannot_read_are_refused_with_the_reason()
    {
        var stored = () => JsonNames.Name(StoredAsByte.First);
        var numbered = () => JsonNames.Name(NumberedFromTen.Ten);

        stored.Should().Throw<TypeInitializationException>().WithInnerException<NotSupportedException>().WithMessage("*stored as Byte*");
        numbered.Should().Throw<TypeInitializationException>().WithInnerException<NotSupportedException>().WithMessage("*numbered 0, 1, 2*");
    }

    private static string NameOf<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNames.Name(value);

    private static IReadOnlyList<string> NamesOf<TEnum>()
        where TEnum : struct, Enum => JsonNames.Names<TEnum>();

    private static TEnum? ParseOf<TEnum>(string text)
        where TEnum : struct, Enum
    {
        var fromString = JsonNames.TryParse(text, out TEnum viaString) ? viaString : (TEnum?)null;
        var fromChars = JsonNames.TryParse(text.AsSpan(), out TEnum viaChars) ? viaChars : (TEnum?)null;
        fromChars.Should().Be(fromString, "both overloads read {0} alike", text);
        return fromString;
    }

    private enum StoredAsByte : byte
    {
        First,
    }

    private enum NumberedFromTen
    {
        Ten = 10,
    }
}
