using System.Globalization;
using System.Text.Json;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Rules.Loading;

/// <summary>
/// Reads <c>when</c> trees: <c>all</c>, <c>any</c>, <c>not</c>, <c>ref</c> to a named condition, and fact
/// tests, each checked against the fact catalogue (known fact, operator that applies to its type, value of
/// its type) and compiled to numbers and masks.
/// </summary>
internal sealed class ConditionReader(LoadContext context, CatalogueReader catalogue)
{
    /// <summary>Reads the named conditions of <c>ruleset.json</c>; each may use the ones defined before it.</summary>
    public void ReadNamedConditions(JsonCursor? section)
    {
        if (section is not { } s)
        {
            return;
        }

        foreach (var (name, value) in s.Members())
        {
            if (!value.IsObject("when", "rationale", "citations", "explain"))
            {
                continue;
            }

            // A named condition may use the ones defined before it, so there can be no cycle.
            var when = value.Property("when") is { } w ? Read(w) : null;
            var rationale = catalogue.Rationale(value);
            var cited = catalogue.ReadCitationIds(value);
            var explains = value.Boolean("explain", required: false) ?? false;
            if (when is not null && rationale is not null)
            {
                var factsRead = new List<FactDefinition>();
                when.CollectFacts(factsRead);
                context.Conditions[name] = new NamedCondition { Name = name, When = when, Rationale = rationale, Citations = cited, Explains = explains, FactsRead = factsRead };
            }
        }
    }

    public Condition? Read(JsonCursor node)
    {
        if (node.Element.ValueKind != JsonValueKind.Object)
        {
            node.Error($"expected a condition object, found {JsonCursor.Describe(node.Element.ValueKind)}");
            return null;
        }

        if (node.Has("all") || node.Has("any"))
        {
            return ReadComposite(node);
        }

        if (node.Has("not"))
        {
            return node.IsObject("not") && Read(node.Property("not")!.Value) is { } inner ? new NotCondition(inner) : null;
        }

        if (node.Has("ref"))
        {
            if (!node.IsObject("ref") || node.String("ref") is not { } name)
            {
                return null;
            }

            if (!context.Conditions.TryGetValue(name, out var target))
            {
                node.Property("ref")!.Value.Error($"unknown named condition '{name}' (define it in {RulesetLoader.RulesetFile} conditions, before its use)");
                return null;
            }

            return new RefCondition(name) { Target = target.When };
        }

        if (node.Has("fact"))
        {
            return ReadLeaf(node);
        }

        node.Error("a condition needs one of 'all', 'any', 'not', 'ref' or 'fact'");
        return null;
    }

    private Condition? ReadComposite(JsonCursor node)
    {
        var name = node.Has("all") ? "all" : "any";
        if (!node.IsObject(name))
        {
            return null;
        }

        var parts = node.Property(name)!.Value.Items().Select(Read).ToArray();
        if (parts.Any(p => p is null))
        {
            return null;
        }

        if (name == "any" && parts.Length == 0)
        {
            node.Property(name)!.Value.Error("'any' needs at least one condition");
            return null;
        }

        return name == "all" ? new AllCondition(parts!) : new AnyCondition(parts!);
    }

    private LeafCondition? ReadLeaf(JsonCursor node)
    {
        if (!node.IsObject("fact", "op", "value", "param"))
        {
            return null;
        }

        var factName = node.String("fact");
        var opText = node.String("op");
        if (factName is null || opText is null)
        {
            return null;
        }

        if (!FactCatalog.TryGet(factName, out var fact))
        {
            node.Property("fact")!.Value.Error($"unknown fact '{factName}'");
            return null;
        }

        if (!JsonNames.TryParse<LeafOperator>(ToKebab(opText), out var op) || opText != ToCamel(JsonNames.Name(op)))
        {
            node.Property("op")!.Value.Error($"unknown operator '{opText}' (allowed: {string.Join(", ", JsonNames.Names<LeafOperator>().Select(ToCamel))})");
            return null;
        }

        if (!Applies(fact.Type, op))
        {
            node.Property("op")!.Value.Error($"operator '{opText}' does not apply to {JsonNames.Name(fact.Type)} fact '{factName}'");
            return null;
        }

        var hasValue = node.Has("value");
        var hasParam = node.Has("param");
        if (hasValue == hasParam)
        {
            node.Error("a fact test needs exactly one of 'value' or 'param'");
            return null;
        }

        return hasParam ? ReadParameter(node, fact, op) : ReadValue(node.Property("value")!.Value, fact, op, opText);
    }

    private LeafCondition? ReadParameter(JsonCursor node, FactDefinition fact, LeafOperator op)
    {
        var name = node.String("param");
        if (name is null)
        {
            return null;
        }

        if (fact.Type != FactType.Number)
        {
            node.Property("param")!.Value.Error($"a parameter can only be compared with a number fact; '{fact.Name}' is {JsonNames.Name(fact.Type)}");
            return null;
        }

        if (!context.Parameters.TryGetValue(name, out var parameter))
        {
            node.Property("param")!.Value.Error($"unknown parameter '{name}'");
            return null;
        }

        return new LeafCondition(fact, op, parameter.Value, 0, false, string.Create(CultureInfo.InvariantCulture, $"{parameter.Value} ({name})"), JsonValues.Number(parameter.Value), name);
    }

    private static LeafCondition? ReadValue(JsonCursor value, FactDefinition fact, LeafOperator op, string opText)
    {
        var kind = value.Element.ValueKind;
        if (op is LeafOperator.Known or LeafOperator.Empty)
        {
            if (kind is not (JsonValueKind.True or JsonValueKind.False))
            {
                value.Error($"'{opText}' takes true or false, found {JsonCursor.Describe(kind)}");
                return null;
            }

            return new LeafCondition(fact, op, 0, 0, value.Element.GetBoolean(), value.Element.GetRawText(), value.Element);
        }

        switch (fact.Type)
        {
            case FactType.Number when kind == JsonValueKind.Number:
                return new LeafCondition(fact, op, value.Element.GetDouble(), 0, false, value.Element.GetRawText(), value.Element);
            case FactType.Boolean when kind is JsonValueKind.True or JsonValueKind.False:
                return new LeafCondition(fact, op, value.Element.GetBoolean() ? 1 : 0, 0, false, value.Element.GetRawText(), value.Element);
            case FactType.Enum or FactType.Set when op is LeafOperator.In or LeafOperator.NotIn or LeafOperator.ContainsAny:
                return ReadMembers(value, fact, op, opText);
            case FactType.Enum or FactType.Set when kind == JsonValueKind.String:
                var ordinal = Member(value, fact);
                return ordinal < 0 ? null : new LeafCondition(fact, op, ordinal, 1UL << ordinal, false, value.Element.GetString()!, value.Element);
            default:
                value.Error($"type mismatch: '{fact.Name}' is a {JsonNames.Name(fact.Type)} fact, so '{opText}' needs {Expected(fact.Type)}, found {JsonCursor.Describe(kind)}");
                return null;
        }
    }

    private static LeafCondition? ReadMembers(JsonCursor value, FactDefinition fact, LeafOperator op, string opText)
    {
        if (value.Element.ValueKind != JsonValueKind.Array || value.Element.GetArrayLength() == 0)
        {
            value.Error($"type mismatch: '{opText}' needs a non-empty array of values of '{fact.Name}', found {JsonCursor.Describe(value.Element.ValueKind)}");
            return null;
        }

        var mask = 0UL;
        var ok = true;
        foreach (var item in value.Items())
        {
            var ordinal = Member(item, fact);
            ok &= ordinal >= 0;
            mask |= ordinal >= 0 ? 1UL << ordinal : 0;
        }

        var text = $"[{string.Join(", ", value.Element.EnumerateArray().Select(e => e.ToString()))}]";
        return ok ? new LeafCondition(fact, op, 0, mask, false, text, value.Element) : null;
    }

    private static int Member(JsonCursor value, FactDefinition fact)
    {
        if (value.Element.ValueKind != JsonValueKind.String)
        {
            value.Error($"type mismatch: values of '{fact.Name}' are strings, found {JsonCursor.Describe(value.Element.ValueKind)}");
            return -1;
        }

        var ordinal = fact.OrdinalOf(value.Element.GetString()!);
        if (ordinal < 0)
        {
            value.Error($"'{value.Element.GetString()}' is not a value of '{fact.Name}' (allowed: {string.Join(", ", fact.Values)})");
        }

        return ordinal;
    }

    private static string Expected(FactType type) => type switch
    {
        FactType.Number => "a number",
        FactType.Boolean => "true or false",
        _ => "a string",
    };

    private static bool Applies(FactType type, LeafOperator op) => op switch
    {
        LeafOperator.Known => true,
        LeafOperator.Eq or LeafOperator.Ne => type is FactType.Number or FactType.Boolean or FactType.Enum,
        LeafOperator.Gt or LeafOperator.Gte or LeafOperator.Lt or LeafOperator.Lte => type == FactType.Number,
        LeafOperator.In or LeafOperator.NotIn => type == FactType.Enum,
        LeafOperator.Contains or LeafOperator.ContainsAny or LeafOperator.Empty => type == FactType.Set,
        _ => false,
    };

    private static string ToKebab(string camel) => JsonNamingPolicy.KebabCaseLower.ConvertName(camel);

    private static string ToCamel(string kebab)
    {
        var parts = kebab.Split('-');
        return parts[0] + string.Concat(parts.Skip(1).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
    }
}
