using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Contracts;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Serialization;
using ImnmDecision.Store;

namespace ImnmDecision.Api.Tests.OpenApi;

/// <summary>
/// Every enum value the service can send is listed in openapi/v1.json, spelt as the service spells it: each property
/// of an answer type whose .NET type is an enum (or a list of one), found by walking the answer types as the
/// serializer sees them, must have a documented <c>enum</c> holding every contract name of that .NET enum.
/// </summary>
public sealed class EnumConformanceTests
{
    private static readonly Type[] AnswerTypes =
    [
        typeof(Assessment), typeof(BatchResultRow), typeof(BatchSummaryElement), typeof(BatchProblem), typeof(RuleView),
        typeof(RulesetInfo), typeof(Citation), typeof(FeedbackSummary), typeof(AuditSummary),
    ];

    private static readonly MethodInfo NamesMethod = typeof(JsonNames).GetMethod(nameof(JsonNames.Names))!;

    /// <summary>The contract's serializer options, with the reflection resolver that lists each type's properties.</summary>
    private static readonly JsonSerializerOptions Serializer = new(ImnmJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    private readonly JsonNode schemas = OpenApiContract.Committed.Document["components"]!["schemas"]!;

    [Fact]
    public void EveryEnumPropertyOfEveryAnswerType_ListsEveryValueTheServiceCanSend()
    {
        var failures = new List<string>();
        var checkedEnums = 0;
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(AnswerTypes);
        while (pending.TryDequeue(out var type))
        {
            if (!seen.Add(type))
            {
                continue;
            }

            if (schemas[type.Name]?["properties"] is not JsonObject documented)
            {
                failures.Add($"{type.Name}: not a component schema with properties");
                continue;
            }

            foreach (var property in Serializer.GetTypeInfo(type).Properties)
            {
                var element = ElementType(property.PropertyType);
                if (element.IsEnum)
                {
                    checkedEnums++;
                    failures.AddRange(CheckEnum($"{type.Name}.{property.Name}", element, documented[property.Name]));
                }
                else if (IsContractType(element))
                {
                    pending.Enqueue(element);
                }
            }
        }

        checkedEnums.Should().BeGreaterThan(15, "the answer types hold the contract's enums");
        failures.Should().BeEmpty();
    }

    [Fact]
    public void EveryEnumComponentSchema_IsExactlyTheContractNamesOfItsDotNetEnum()
    {
        var enums = AnswerTypes.Select(t => t.Assembly).Append(typeof(Program).Assembly).Distinct()
            .SelectMany(a => a.GetExportedTypes()).Where(t => t.IsEnum).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var failures = new List<string>();

        foreach (var (name, schema) in schemas.AsObject().Where(s => s.Value!["enum"] is not null))
        {
            if (!enums.TryGetValue(name, out var type))
            {
                failures.Add($"{name}: no .NET enum of that name");
                continue;
            }

            var documented = schema!["enum"]!.AsArray().Select(v => v!.GetValue<string>()).ToArray();
            if (!documented.SequenceEqual(Names(type), StringComparer.Ordinal))
            {
                failures.Add($"{name}: documented [{string.Join(", ", documented)}], the service spells [{string.Join(", ", Names(type))}]");
            }
        }

        failures.Should().BeEmpty();
    }

    private IEnumerable<string> CheckEnum(string where, Type enumType, JsonNode? property)
    {
        var schema = Resolve(property);
        schema = schema?["type"]?.GetValue<string>() == "array" ? Resolve(schema["items"]) : schema;
        if (schema?["enum"] is not JsonArray listed)
        {
            return [$"{where}: the service sends {enumType.Name} values; the document lists no enum ({property?.ToJsonString() ?? "not documented"})"];
        }

        var documented = listed.Select(v => v?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        return Names(enumType).Where(n => !documented.Contains(n)).Select(n => $"{where}: {enumType.Name} value '{n}' is not in the document's enum");
    }

    private JsonNode? Resolve(JsonNode? schema)
    {
        while (schema?["$ref"] is { } reference)
        {
            schema = schemas[reference.GetValue<string>()[OpenApiSchemaConverter.ComponentsPrefix.Length..]];
        }

        return schema?["allOf"] is JsonArray { Count: 1 } only ? Resolve(only[0]) : schema;
    }

    private static IReadOnlyList<string> Names(Type enumType) => (IReadOnlyList<string>)NamesMethod.MakeGenericMethod(enumType).Invoke(null, null)!;

    private static Type ElementType(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            return ElementType(type.GetElementType()!);
        }

        var list = type.IsGenericType && type.GetGenericArguments().Length == 1
            && typeof(System.Collections.IEnumerable).IsAssignableFrom(type) ? type.GetGenericArguments()[0] : null;
        return list is null ? type : ElementType(list);
    }

    private static bool IsContractType(Type type) =>
        type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("ImnmDecision.", StringComparison.Ordinal) == true;
}
