using System.Collections.Frozen;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Rules;

/// <summary>
/// Loads <c>rules/</c> strictly: every unknown property, fact, operator, kind, parameter, named condition or
/// citation, every type mismatch, duplicate id and rule without citation or rationale is reported with its
/// file and JSON path. A ruleset with any defect does not load.
/// </summary>
public static partial class RulesetLoader
{
    /// <summary>The ruleset's main file.</summary>
    public const string RulesetFile = "ruleset.json";

    /// <summary>The citation catalogue.</summary>
    public const string CitationsFile = "citations.json";

    /// <summary>Parameter holding the default CK ULN for women, in U/L.</summary>
    public const string DefaultUlnFemaleParameter = "ck.defaultUln.female";

    /// <summary>Parameter holding the default CK ULN for everyone else, in U/L.</summary>
    public const string DefaultUlnOtherParameter = "ck.defaultUln.other";

    private static readonly string[] CitationKinds = ["consensus", "cohort-study", "review", "lab-catalogue", "patient-education"];

    /// <summary>
    /// The nearest folder named <c>rules</c> holding a <see cref="RulesetFile"/>, walking up from each start in
    /// turn (the working directory, then the application's own folder, say); null when there is none.
    /// </summary>
    public static string? FindFolder(params ReadOnlySpan<string> starts)
    {
        foreach (var start in starts)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "rules");
                if (File.Exists(Path.Combine(candidate, RulesetFile)))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Loads and validates a ruleset, or throws <see cref="RulesetLoadException"/> listing every defect.</summary>
    public static Ruleset Load(string folder, TimeProvider? clock = null)
    {
        var (ruleset, errors) = Check(folder, clock);
        return errors.Count == 0 ? ruleset! : throw new RulesetLoadException(errors);
    }

    /// <summary>Loads and validates a ruleset, returning it (when valid) and every defect found.</summary>
    public static (Ruleset? Ruleset, IReadOnlyList<RulesetError> Errors) Check(string folder, TimeProvider? clock = null)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var reader = new Reader(Path.GetFullPath(folder), clock ?? TimeProvider.System);
        var ruleset = reader.Read();
        return (reader.Errors.Count == 0 ? ruleset : null, reader.Errors);
    }

    [GeneratedRegex(@"\{([A-Za-z0-9_.\-]+)\}")]
    private static partial Regex Placeholder();

    private sealed class Reader(string folder, TimeProvider clock)
    {
        private readonly Dictionary<string, Citation> citations = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Parameter> parameters = new(StringComparer.Ordinal);
        private readonly Dictionary<string, NamedCondition> conditions = new(StringComparer.Ordinal);
        private readonly List<(string Name, byte[] Bytes)> files = [];

        public List<RulesetError> Errors { get; } = [];

        public Ruleset? Read()
        {
            if (!Directory.Exists(folder))
            {
                Errors.Add(new RulesetError(folder, "$", "the rules folder does not exist"));
                return null;
            }

            var citationsRoot = Parse(CitationsFile);
            if (citationsRoot is { } c)
            {
                ReadCitations(c);
            }

            var root = Parse(RulesetFile);
            if (root is not { } r || !r.IsObject("$schema", "id", "version", "title", "disclaimer", "ruleFiles", "parameters", "conditions", "subtypes", "workup", "treatments", "missing"))
            {
                return null;
            }

            var id = r.String("id");
            var version = r.String("version");
            var title = r.String("title");
            var disclaimer = r.String("disclaimer");
            ReadParameters(r.Property("parameters"));
            ReadConditions(r.Property("conditions"));
            var subtypeLabels = ReadLabels<SubtypeCode>(r.Property("subtypes"));
            var workupLabels = ReadLabels<WorkupId>(r.Property("workup"));
            var treatmentLabels = ReadLabels<TreatmentId>(r.Property("treatments"));
            var missingReasons = ReadMissingReasons(r.Property("missing"));
            var ruleFiles = r.Strings("ruleFiles");
            CheckUnlistedFiles(ruleFiles);

            var rules = new List<Rule>();
            foreach (var ruleFile in ruleFiles)
            {
                if (Parse(ruleFile) is { } fileRoot && fileRoot.IsObject("$schema", "rules") && fileRoot.Property("rules") is { } list)
                {
                    rules.AddRange(list.Items().Select(ReadRule).OfType<Rule>());
                }
            }

            CheckRules(rules);
            var femaleUln = RequiredParameter(DefaultUlnFemaleParameter);
            var otherUln = RequiredParameter(DefaultUlnOtherParameter);
            if (Errors.Count > 0)
            {
                return null;
            }

            var ordered = rules.OrderBy(rule => rule.Kind).ThenBy(rule => rule.Order).ToArray();
            var ulnCitations = parameters[DefaultUlnFemaleParameter].Citations.Union(parameters[DefaultUlnOtherParameter].Citations).ToArray();
            return new Ruleset
            {
                Identity = new RulesetIdentity { Id = id!, Version = version!, Sha256 = Hash() },
                Title = title!,
                Disclaimer = disclaimer!,
                LoadedAt = clock.GetUtcNow(),
                Files = [.. files.Select(f => f.Name)],
                Rules = ordered,
                Citations = [.. citations.Values],
                Parameters = [.. parameters.Values],
                Conditions = [.. conditions.Values],
                SubtypeLabels = subtypeLabels,
                WorkupLabels = workupLabels,
                TreatmentLabels = treatmentLabels,
                MissingReasons = missingReasons,
                AssumptionCitations = new Dictionary<string, IReadOnlyList<string>>
                {
                    ["ck.upperLimitOfNormal"] = ulnCitations,
                    ["patient.sex"] = ulnCitations,
                }.ToFrozenDictionary(StringComparer.Ordinal),
                RuleById = ordered.ToFrozenDictionary(rule => rule.Id, StringComparer.Ordinal),
                CitationById = citations.ToFrozenDictionary(StringComparer.Ordinal),
                SubtypeRules = [.. ordered.Where(rule => rule.Kind == RuleKind.Subtype)],
                CertaintyRules = [.. ordered.Where(rule => rule.Kind == RuleKind.Certainty)],
                AlertRules = [.. ordered.Where(rule => rule.Kind == RuleKind.Alert)],
                TreatmentRules = [.. ordered.Where(rule => rule.Kind == RuleKind.Treatment)],
                WorkupRules = [.. ordered.Where(rule => rule.Kind == RuleKind.Workup)],
                DefaultUlnFemale = femaleUln,
                DefaultUlnOther = otherUln,
            };
        }

        private JsonCursor? Parse(string name)
        {
            var path = Path.Combine(folder, name);
            if (name.Contains("..", StringComparison.Ordinal) || Path.IsPathRooted(name))
            {
                Errors.Add(new RulesetError(RulesetFile, "$.ruleFiles", $"'{name}' must be a file name inside the rules folder"));
                return null;
            }

            if (!System.IO.File.Exists(path))
            {
                Errors.Add(new RulesetError(name, "$", "file not found"));
                return null;
            }

            var bytes = System.IO.File.ReadAllBytes(path);
            files.Add((name, bytes));
            try
            {
                using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
                return new JsonCursor(document.RootElement.Clone(), "$", name, Errors);
            }
            catch (JsonException e)
            {
                Errors.Add(new RulesetError(name, e.Path ?? "$", $"invalid JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {FirstSentence(e.Message)}"));
                return null;
            }
        }

        private static string FirstSentence(string message)
        {
            var end = message.IndexOf(". ", StringComparison.Ordinal);
            return end < 0 ? message : message[..end];
        }

        private void CheckUnlistedFiles(IReadOnlyList<string> ruleFiles)
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*.json", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(path);
                if (name is not (RulesetFile or CitationsFile) && !ruleFiles.Contains(name, StringComparer.Ordinal))
                {
                    Errors.Add(new RulesetError(name, "$", $"not listed in {RulesetFile} ruleFiles, so its rules would be ignored"));
                }
            }

            foreach (var duplicate in ruleFiles.GroupBy(f => f, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                Errors.Add(new RulesetError(RulesetFile, "$.ruleFiles", $"'{duplicate.Key}' is listed more than once"));
            }
        }

        private string Hash()
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (var (name, bytes) in files.OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                sha.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
                sha.AppendData(bytes);
            }

            return Convert.ToHexStringLower(sha.GetHashAndReset());
        }

        private void ReadCitations(JsonCursor root)
        {
            if (!root.IsObject("$schema", "citations") || root.Property("citations") is not { } list)
            {
                return;
            }

            foreach (var item in list.Items())
            {
                if (!item.IsObject("id", "title", "authors", "year", "container", "doi", "url", "kind", "note"))
                {
                    continue;
                }

                var id = item.String("id");
                var kind = item.String("kind");
                if (kind is not null && !CitationKinds.Contains(kind, StringComparer.Ordinal))
                {
                    item.Property("kind")!.Value.Error($"unknown citation kind '{kind}' (allowed: {string.Join(", ", CitationKinds)})");
                }

                var citation = new Citation
                {
                    Id = id ?? string.Empty,
                    Title = item.String("title") ?? string.Empty,
                    Authors = item.String("authors") ?? string.Empty,
                    Year = item.Integer("year", required: false),
                    Container = item.String("container") ?? string.Empty,
                    Doi = item.String("doi", required: false),
                    Url = item.String("url", required: false),
                    Kind = kind ?? string.Empty,
                    Note = item.String("note", required: false),
                };
                if (id is not null && !citations.TryAdd(id, citation))
                {
                    item.Property("id")!.Value.Error($"duplicate citation id '{id}'");
                }
            }
        }

        private IReadOnlyList<string> ReadCitationIds(JsonCursor owner, bool required = true)
        {
            var ids = owner.Strings("citations", required);
            if (required && owner.Has("citations") && ids.Count == 0)
            {
                owner.Property("citations")!.Value.Error("at least one citation is required");
            }

            if (owner.Property("citations", required: false) is { } list)
            {
                var index = 0;
                foreach (var item in list.Items())
                {
                    var id = item.Element.ValueKind == JsonValueKind.String ? item.Element.GetString() : null;
                    if (id is not null && !citations.ContainsKey(id))
                    {
                        item.Error($"unknown citation id '{id}' (not in {CitationsFile})");
                    }

                    index++;
                }
            }

            return ids;
        }

        private string? Rationale(JsonCursor owner) => Text(owner, "rationale");

        private void ReadParameters(JsonCursor? section)
        {
            if (section is not { } s)
            {
                return;
            }

            foreach (var (name, value) in s.Members())
            {
                if (!value.IsObject("value", "unit", "rationale", "citations"))
                {
                    continue;
                }

                var number = value.Number("value");
                var unit = value.String("unit");
                var rationale = Rationale(value);
                var cited = ReadCitationIds(value);
                if (number is { } n && unit is not null && rationale is not null)
                {
                    parameters[name] = new Parameter { Name = name, Value = n, Unit = unit, Rationale = rationale, Citations = cited };
                }
            }
        }

        private double RequiredParameter(string name)
        {
            if (parameters.TryGetValue(name, out var parameter))
            {
                return parameter.Value;
            }

            Errors.Add(new RulesetError(RulesetFile, "$.parameters", $"missing required parameter '{name}'"));
            return double.NaN;
        }

        private void ReadConditions(JsonCursor? section)
        {
            if (section is not { } s)
            {
                return;
            }

            foreach (var (name, value) in s.Members())
            {
                if (!value.IsObject("when", "rationale", "citations"))
                {
                    continue;
                }

                // A named condition may use the ones defined before it, so there can be no cycle.
                var when = value.Property("when") is { } w ? ReadCondition(w) : null;
                var rationale = Rationale(value);
                var cited = ReadCitationIds(value);
                if (when is not null && rationale is not null)
                {
                    conditions[name] = new NamedCondition { Name = name, When = when, Rationale = rationale, Citations = cited };
                }
            }
        }

        private static FrozenDictionary<TEnum, string> ReadLabels<TEnum>(JsonCursor? section)
            where TEnum : struct, Enum
        {
            var labels = new Dictionary<TEnum, string>();
            if (section is not { } s)
            {
                return labels.ToFrozenDictionary();
            }

            foreach (var (name, value) in s.Members())
            {
                if (!JsonNames.TryParse<TEnum>(name, out var key))
                {
                    value.Error($"unknown id '{name}' (allowed: {string.Join(", ", JsonNames.Names<TEnum>())})");
                }
                else if (value.Element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.Element.GetString()))
                {
                    value.Error("expected a non-empty label");
                }
                else
                {
                    labels[key] = value.Element.GetString()!;
                }
            }

            foreach (var missing in Enum.GetValues<TEnum>().Where(v => !labels.ContainsKey(v)))
            {
                s.Error($"missing label for '{JsonNames.Name(missing)}'");
            }

            return labels.ToFrozenDictionary();
        }

        private static FrozenDictionary<string, string> ReadMissingReasons(JsonCursor? section)
        {
            var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
            if (section is not { } s)
            {
                return reasons.ToFrozenDictionary(StringComparer.Ordinal);
            }

            foreach (var (name, value) in s.Members())
            {
                if (!InputField.IsKnown(name))
                {
                    value.Error($"unknown input field '{name}'");
                }
                else if (value.Element.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.Element.GetString()))
                {
                    value.Error("expected a non-empty reason");
                }
                else
                {
                    reasons[name] = value.Element.GetString()!;
                }
            }

            foreach (var field in InputField.All.Where(f => !reasons.ContainsKey(f)))
            {
                s.Error($"missing reason for input field '{field}'");
            }

            return reasons.ToFrozenDictionary(StringComparer.Ordinal);
        }

        private int nextOrder;

        private Rule? ReadRule(JsonCursor item)
        {
            if (!item.IsObject("id", "kind", "when", "then", "rationale", "citations"))
            {
                return null;
            }

            var id = item.String("id");
            var kindText = item.String("kind");
            RuleKind? kind = null;
            if (kindText is not null)
            {
                if (JsonNames.TryParse<RuleKind>(kindText, out var parsed))
                {
                    kind = parsed;
                }
                else
                {
                    item.Property("kind")!.Value.Error($"unknown kind '{kindText}' (allowed: {string.Join(", ", JsonNames.Names<RuleKind>())})");
                }
            }

            var whenCursor = item.Property("when");
            var when = whenCursor is { } w ? ReadCondition(w) : null;
            var thenCursor = item.Property("then");
            var then = thenCursor is { } t && kind is { } k ? ReadAction(t, k) : null;
            var rationale = Rationale(item);
            var cited = ReadCitationIds(item);
            if (id is null || kind is null || when is null || then is null || rationale is null || cited.Count == 0)
            {
                return null;
            }

            var factsRead = new List<FactDefinition>();
            when.CollectFacts(factsRead);
            return new Rule
            {
                Id = id,
                Kind = kind.Value,
                When = when,
                Then = then,
                Rationale = rationale,
                Citations = cited,
                File = item.File,
                WhenJson = JsonNode.Parse(whenCursor!.Value.Element.GetRawText())!,
                ThenJson = JsonNode.Parse(thenCursor!.Value.Element.GetRawText())!,
                FactsRead = factsRead,
                Order = nextOrder++,
            };
        }

        private Condition? ReadCondition(JsonCursor node)
        {
            if (node.Element.ValueKind != JsonValueKind.Object)
            {
                node.Error($"expected a condition object, found {JsonCursor.Describe(node.Element.ValueKind)}");
                return null;
            }

            if (node.Has("all") || node.Has("any"))
            {
                var name = node.Has("all") ? "all" : "any";
                if (!node.IsObject(name))
                {
                    return null;
                }

                var parts = node.Property(name)!.Value.Items().Select(ReadCondition).ToArray();
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

            if (node.Has("not"))
            {
                return node.IsObject("not") && ReadCondition(node.Property("not")!.Value) is { } inner ? new NotCondition(inner) : null;
            }

            if (node.Has("ref"))
            {
                if (!node.IsObject("ref") || node.String("ref") is not { } name)
                {
                    return null;
                }

                if (!conditions.TryGetValue(name, out var target))
                {
                    node.Property("ref")!.Value.Error($"unknown named condition '{name}' (define it in {RulesetFile} conditions, before its use)");
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

            if (hasParam)
            {
                var name = node.String("param");
                if (name is null)
                {
                    return null;
                }

                if (fact.Type != FactType.Number)
                {
                    node.Property("param")!.Value.Error($"a parameter can only be compared with a number fact; '{factName}' is {JsonNames.Name(fact.Type)}");
                    return null;
                }

                if (!parameters.TryGetValue(name, out var parameter))
                {
                    node.Property("param")!.Value.Error($"unknown parameter '{name}'");
                    return null;
                }

                return new LeafCondition(fact, op, parameter.Value, 0, false, string.Create(CultureInfo.InvariantCulture, $"{parameter.Value} ({name})"));
            }

            return ReadValue(node.Property("value")!.Value, fact, op, opText);
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

                return new LeafCondition(fact, op, 0, 0, value.Element.GetBoolean(), value.Element.GetRawText());
            }

            switch (fact.Type)
            {
                case FactType.Number when kind == JsonValueKind.Number:
                    return new LeafCondition(fact, op, value.Element.GetDouble(), 0, false, value.Element.GetRawText());
                case FactType.Boolean when kind is JsonValueKind.True or JsonValueKind.False:
                    return new LeafCondition(fact, op, value.Element.GetBoolean() ? 1 : 0, 0, false, value.Element.GetRawText());
                case FactType.Enum or FactType.Set when op is LeafOperator.In or LeafOperator.NotIn or LeafOperator.ContainsAny:
                    return ReadMembers(value, fact, op, opText);
                case FactType.Enum or FactType.Set when kind == JsonValueKind.String:
                    var ordinal = Member(value, fact);
                    return ordinal < 0 ? null : new LeafCondition(fact, op, ordinal, 1UL << ordinal, false, value.Element.GetString()!);
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
            return ok ? new LeafCondition(fact, op, 0, mask, false, text) : null;
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

        private RuleAction? ReadAction(JsonCursor then, RuleKind kind) => kind switch
        {
            RuleKind.Subtype => ReadSubtype(then),
            RuleKind.Certainty => then.IsObject("certainty") && Parse<Certainty>(then, "certainty") is { } c ? new CertaintyAction(c) : null,
            RuleKind.Alert => ReadAlert(then),
            RuleKind.Workup => ReadWorkup(then),
            _ => ReadTreatment(then),
        };

        private static SubtypeAction? ReadSubtype(JsonCursor then)
        {
            if (!then.IsObject("subtype", "certainty"))
            {
                return null;
            }

            var code = Parse<SubtypeCode>(then, "subtype");
            var certaintyText = then.String("certainty");
            if (code is null || certaintyText is null)
            {
                return null;
            }

            if (certaintyText == "graded")
            {
                return new SubtypeAction(code.Value, null);
            }

            return Parse<Certainty>(then, "certainty", "graded") is { } fixedCertainty ? new SubtypeAction(code.Value, fixedCertainty) : null;
        }

        private AlertAction? ReadAlert(JsonCursor then)
        {
            if (!then.IsObject("alert", "severity", "message"))
            {
                return null;
            }

            var alert = Parse<AlertId>(then, "alert");
            var severity = Parse<AlertSeverity>(then, "severity");
            var message = Text(then, "message");
            return alert is null || severity is null || message is null ? null : new AlertAction(alert.Value, severity.Value, message);
        }

        private WorkupAction? ReadWorkup(JsonCursor then)
        {
            if (!then.IsObject("workup", "priority", "status", "reason"))
            {
                return null;
            }

            var item = Parse<WorkupId>(then, "workup");
            var priority = Parse<WorkupPriority>(then, "priority");
            var status = Parse<WorkupStatus>(then, "status");
            var reason = Text(then, "reason");
            return item is null || priority is null || status is null || reason is null ? null : new WorkupAction(item.Value, priority.Value, status.Value, reason);
        }

        private TreatmentAction? ReadTreatment(JsonCursor then)
        {
            if (!then.IsObject("treatment", "role", "dose", "cautions"))
            {
                return null;
            }

            var treatment = Parse<TreatmentId>(then, "treatment");
            var role = Parse<TreatmentRole>(then, "role");
            var dose = then.Property("dose", required: false) is { } d ? ReadDose(d) : null;
            var cautions = new List<Caution>();
            var ok = true;
            if (then.Property("cautions", required: false) is { } list)
            {
                foreach (var item in list.Items())
                {
                    var caution = ReadCaution(item);
                    ok &= caution is not null;
                    if (caution is not null)
                    {
                        cautions.Add(caution);
                    }
                }
            }

            var doseOk = !then.Has("dose") || dose is not null;
            return treatment is null || role is null || !ok || !doseOk ? null : new TreatmentAction(treatment.Value, role.Value, dose, cautions);
        }

        private Caution? ReadCaution(JsonCursor item)
        {
            if (!item.IsObject("when", "text", "unknownText", "avoid", "citations"))
            {
                return null;
            }

            var when = item.Property("when", required: false) is { } w ? ReadCondition(w) : null;
            var text = Text(item, "text");
            var unknownText = item.Has("unknownText") ? Text(item, "unknownText") : null;
            var avoid = item.Boolean("avoid", required: false) ?? false;
            var cited = ReadCitationIds(item, required: false);
            if (avoid && !item.Has("when"))
            {
                item.Error("'avoid' needs a 'when' condition");
                return null;
            }

            if (item.Has("when") && when is null)
            {
                return null;
            }

            return text is null ? null : new Caution { When = when, Text = text, UnknownText = unknownText, Avoid = avoid, Citations = cited };
        }

        private DoseSpec? ReadDose(JsonCursor dose)
        {
            if (!dose.IsObject("text", "perKg", "capParameter", "splitOverDays"))
            {
                return null;
            }

            var text = Text(dose, "text");
            var split = dose.Integer("splitOverDays", required: false);
            double? cap = null;
            if (dose.String("capParameter", required: false) is { } capName)
            {
                if (parameters.TryGetValue(capName, out var parameter))
                {
                    cap = parameter.Value;
                }
                else
                {
                    dose.Property("capParameter")!.Value.Error($"unknown parameter '{capName}'");
                    return null;
                }
            }

            if (dose.Property("perKg", required: false) is not { } perKg)
            {
                return text is null ? null : new DoseSpec { Text = text, Cap = cap, SplitOverDays = split };
            }

            if (!perKg.IsObject("min", "max", "unit", "per"))
            {
                return null;
            }

            var min = perKg.Number("min");
            var max = perKg.Number("max", required: false) ?? min;
            var unit = perKg.String("unit");
            var per = perKg.String("per");
            if (unit is not null and not ("mg" or "g"))
            {
                perKg.Property("unit")!.Value.Error($"unit must be 'mg' or 'g', found '{unit}'");
                return null;
            }

            if (per is not null and not ("day" or "week" or "course"))
            {
                perKg.Property("per")!.Value.Error($"per must be 'day', 'week' or 'course', found '{per}'");
                return null;
            }

            if (min is null || max is null || unit is null || per is null || text is null)
            {
                return null;
            }

            var perKgText = min == max
                ? string.Create(CultureInfo.InvariantCulture, $"{min} {unit}/kg")
                : string.Create(CultureInfo.InvariantCulture, $"{min} to {max} {unit}/kg");
            if (per != "course")
            {
                perKgText += "/" + per;
            }

            return new DoseSpec { Text = text, PerKgMin = min, PerKgMax = max, Unit = unit, Per = per, Cap = cap, SplitOverDays = split, PerKgText = perKgText };
        }

        /// <summary>A text with <c>{parameter}</c> placeholders filled in, so a threshold is written once.</summary>
        private string? Text(JsonCursor owner, string name)
        {
            var text = owner.String(name);
            if (text is null)
            {
                return null;
            }

            var ok = true;
            var filled = Placeholder().Replace(text, match =>
            {
                if (parameters.TryGetValue(match.Groups[1].Value, out var parameter))
                {
                    return parameter.Value.ToString("#,0.##", CultureInfo.InvariantCulture);
                }

                owner.Property(name)!.Value.Error($"unknown parameter '{match.Groups[1].Value}' in text");
                ok = false;
                return match.Value;
            });
            return ok ? filled : null;
        }

        private static TEnum? Parse<TEnum>(JsonCursor owner, string name, params string[] alsoAllowed)
            where TEnum : struct, Enum
        {
            var text = owner.String(name);
            if (text is null)
            {
                return null;
            }

            if (JsonNames.TryParse<TEnum>(text, out var value))
            {
                return value;
            }

            owner.Property(name)!.Value.Error($"unknown {name} '{text}' (allowed: {string.Join(", ", JsonNames.Names<TEnum>().Concat(alsoAllowed))})");
            return null;
        }

        private void CheckRules(List<Rule> rules)
        {
            foreach (var duplicate in rules.GroupBy(r => r.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                var second = duplicate.Skip(1).First();
                Errors.Add(new RulesetError(second.File, "$.rules", $"duplicate rule id '{duplicate.Key}' (also in {duplicate.First().File})"));
            }

            CheckAlways(rules, RuleKind.Subtype);
            CheckAlways(rules, RuleKind.Certainty);
            foreach (var rule in rules)
            {
                CheckPhases(rule, rules);
            }
        }

        private void CheckAlways(List<Rule> rules, RuleKind kind)
        {
            var last = rules.LastOrDefault(r => r.Kind == kind);
            if (last is null)
            {
                Errors.Add(new RulesetError(RulesetFile, "$.ruleFiles", $"no {JsonNames.Name(kind)} rule is defined"));
            }
            else if (last.When is not AllCondition { Parts.Count: 0 })
            {
                Errors.Add(new RulesetError(last.File, "$.rules", $"the last {JsonNames.Name(kind)} rule ('{last.Id}') must always hold (\"when\": {{ \"all\": [] }}), so every case gets an answer"));
            }
        }

        /// <summary>A rule may read what earlier kinds decided, and within its own kind only what rules before it decided.</summary>
        private void CheckPhases(Rule rule, List<Rule> rules)
        {
            var own = PhaseOf(rule.Kind);
            var leaves = new List<LeafCondition>();
            CollectLeaves(rule.When, leaves);
            if (rule.Then is TreatmentAction treatment)
            {
                foreach (var caution in treatment.Cautions.Where(c => c.When is not null))
                {
                    CollectLeaves(caution.When!, leaves);
                }
            }

            foreach (var leaf in leaves.Where(l => l.Fact.Phase > own || (l.Fact.Phase == own && own != FactPhase.Findings && !ProducedEarlier(rule, l, rules))))
            {
                Errors.Add(new RulesetError(rule.File, "$.rules", $"rule '{rule.Id}' reads '{leaf.Fact.Name}' before it is decided ({JsonNames.Name(rule.Kind)} rules run before it is complete)"));
            }
        }

        private static bool ProducedEarlier(Rule rule, LeafCondition leaf, List<Rule> rules)
        {
            if (leaf.Op is not (LeafOperator.Contains or LeafOperator.ContainsAny))
            {
                return false;
            }

            var members = leaf.Fact.Values.Where((_, i) => leaf.ValueText.Contains(leaf.Fact.Values[i], StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);
            var producers = rules.Where(r => r.Kind == rule.Kind && members.Contains(ProducedId(r.Then)));
            return producers.All(p => p.Order < rule.Order);
        }

        private static string ProducedId(RuleAction action) => action switch
        {
            AlertAction a => JsonNames.Name(a.Alert),
            TreatmentAction t => JsonNames.Name(t.Treatment),
            WorkupAction w => JsonNames.Name(w.Item),
            _ => string.Empty,
        };

        private static FactPhase PhaseOf(RuleKind kind) => kind switch
        {
            RuleKind.Subtype => FactPhase.Findings,
            RuleKind.Certainty => FactPhase.Subtype,
            RuleKind.Alert => FactPhase.Alert,
            RuleKind.Treatment => FactPhase.Treatment,
            _ => FactPhase.Workup,
        };

        private static void CollectLeaves(Condition condition, List<LeafCondition> leaves)
        {
            switch (condition)
            {
                case LeafCondition leaf:
                    leaves.Add(leaf);
                    break;
                case AllCondition all:
                    all.Parts.ToList().ForEach(p => CollectLeaves(p, leaves));
                    break;
                case AnyCondition any:
                    any.Parts.ToList().ForEach(p => CollectLeaves(p, leaves));
                    break;
                case NotCondition not:
                    CollectLeaves(not.Part, leaves);
                    break;
                case RefCondition reference:
                    CollectLeaves(reference.Target, leaves);
                    break;
            }
        }
    }
}
