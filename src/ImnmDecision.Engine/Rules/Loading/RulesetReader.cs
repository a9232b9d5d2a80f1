using System.Collections.Frozen;
using System.Text.Json.Nodes;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Facts;

namespace ImnmDecision.Engine.Rules.Loading;

/// <summary>
/// One load of a rules folder, in order: citations, <c>ruleset.json</c> (parameters, named conditions, labels,
/// missing reasons, the rule files), the risk stratifications, each rule file's rules, then the checks across rules. Every defect is
/// recorded in <see cref="Errors"/>; the ruleset is built only when there is none.
/// </summary>
internal sealed class RulesetReader
{
    private readonly LoadContext context;
    private readonly TimeProvider clock;
    private readonly RulesetFiles files;
    private readonly CatalogueReader catalogue;
    private readonly ConditionReader conditions;
    private readonly ActionReader actions;
    private int nextOrder;

    public RulesetReader(string folder, TimeProvider clock)
    {
        context = new LoadContext(folder);
        this.clock = clock;
        files = new RulesetFiles(context);
        catalogue = new CatalogueReader(context);
        conditions = new ConditionReader(context, catalogue);
        actions = new ActionReader(context, catalogue, conditions);
    }

    public List<RulesetError> Errors => context.Errors;

    public Ruleset? Read()
    {
        if (!Directory.Exists(context.Folder))
        {
            Errors.Add(new RulesetError(context.Folder, "$", "the rules folder does not exist"));
            return null;
        }

        if (files.Parse(RulesetLoader.CitationsFile) is { } citationsRoot)
        {
            catalogue.ReadCitations(citationsRoot);
        }

        var root = files.Parse(RulesetLoader.RulesetFile);
        if (root is not { } r || !r.IsObject("$schema", "id", "version", "title", "disclaimer", "ruleFiles", "parameters", "conditions", "subtypes", "workup", "treatments", "missing", "summary", "classification"))
        {
            return null;
        }

        var id = r.String("id");
        var version = r.String("version");
        var title = r.String("title");
        var disclaimer = r.String("disclaimer");
        catalogue.ReadParameters(r.Property("parameters"));
        conditions.ReadNamedConditions(r.Property("conditions"));
        if (File.Exists(Path.Combine(context.Folder, RulesetLoader.StratificationsFile)) && files.Parse(RulesetLoader.StratificationsFile) is { } stratificationsRoot)
        {
            new StratificationReader(context, catalogue, conditions, actions).Read(stratificationsRoot);
        }

        var subtypeLabels = CatalogueReader.ReadLabels<SubtypeCode>(r.Property("subtypes"));
        var workupLabels = CatalogueReader.ReadLabels<WorkupId>(r.Property("workup"));
        var treatmentLabels = CatalogueReader.ReadLabels<TreatmentId>(r.Property("treatments"));
        var missingReasons = CatalogueReader.ReadMissingReasons(r.Property("missing"));
        var summaryWording = CatalogueReader.ReadSummaryWording(r.Property("summary"));
        var ruleFiles = r.Strings("ruleFiles");
        var classificationFile = r.String("classification", required: false);
        files.CheckUnlisted(classificationFile is null ? ruleFiles : [.. ruleFiles, classificationFile]);

        var rules = new List<Rule>();
        foreach (var ruleFile in ruleFiles)
        {
            if (files.Parse(ruleFile) is { } fileRoot && fileRoot.IsObject("$schema", "rules") && fileRoot.Property("rules") is { } list)
            {
                rules.AddRange(list.Items().Select(ReadRule).OfType<Rule>());
            }
        }

        var classification = classificationFile is not null && files.Parse(classificationFile) is { } classificationRoot
            ? new ClassificationReader(catalogue, conditions).Read(classificationRoot)
            : null;
        if (classificationFile is not null && classification is null && Errors.Count == 0)
        {
            Errors.Add(new RulesetError(classificationFile, "$", "the classification could not be read"));
        }

        RuleChecks.Check(rules, Errors);
        foreach (var step in summaryWording?.FirstSteps ?? [])
        {
            if (!rules.Any(rule => rule.Id == step && rule.Kind is RuleKind.Workup or RuleKind.Treatment))
            {
                Errors.Add(new RulesetError(RulesetLoader.RulesetFile, "$.summary.firstSteps", $"'{step}' is no workup or treatment rule"));
            }
        }

        var femaleUln = catalogue.RequiredParameter(RulesetLoader.DefaultUlnFemaleParameter);
        var otherUln = catalogue.RequiredParameter(RulesetLoader.DefaultUlnOtherParameter);
        var childUnderYears = catalogue.RequiredParameter(RulesetLoader.ChildUnderYearsParameter);
        if (Errors.Count > 0 || summaryWording is null)
        {
            return null;
        }

        var ordered = rules.OrderBy(rule => rule.Kind).ThenBy(rule => rule.Order).ToArray();
        Rule<AlertAction>[] alertRules = [.. ordered.OfType<Rule<AlertAction>>()];
        Rule<TreatmentAction>[] treatmentRules = [.. ordered.OfType<Rule<TreatmentAction>>()];
        Rule<WorkupAction>[] workupRules = [.. ordered.OfType<Rule<WorkupAction>>()];
        var parameters = context.Parameters;
        var ulnCitations = parameters[RulesetLoader.DefaultUlnFemaleParameter].Citations.Union(parameters[RulesetLoader.DefaultUlnOtherParameter].Citations).ToArray();
        return new Ruleset
        {
            Identity = new RulesetIdentity { Id = id!, Version = version!, Sha256 = files.Hash() },
            Title = title!,
            Disclaimer = disclaimer!,
            LoadedAt = clock.GetUtcNow(),
            Files = [.. files.Names],
            Rules = ordered,
            Citations = [.. context.Citations.Values],
            Parameters = [.. parameters.Values],
            Conditions = [.. context.Conditions.Values],
            Stratifications = [.. context.Stratifications.Values],
            SubtypeLabels = subtypeLabels,
            WorkupLabels = workupLabels,
            TreatmentLabels = treatmentLabels,
            MissingReasons = missingReasons,
            SummaryWording = summaryWording,
            AssumptionCitations = new Dictionary<string, IReadOnlyList<string>>
            {
                ["ck.upperLimitOfNormal"] = ulnCitations,
                ["patient.sex"] = ulnCitations,
            }.ToFrozenDictionary(StringComparer.Ordinal),
            RuleById = ordered.ToFrozenDictionary(rule => rule.Id, StringComparer.Ordinal),
            CitationById = context.Citations.ToFrozenDictionary(StringComparer.Ordinal),
            SubtypeRules = [.. ordered.OfType<Rule<SubtypeAction>>()],
            CertaintyRules = [.. ordered.OfType<Rule<CertaintyAction>>()],
            AlertRules = alertRules,
            TreatmentRules = treatmentRules,
            WorkupRules = workupRules,
            AnswerOrder = new AnswerOrder(alertRules, workupRules, treatmentRules),
            DefaultUlnFemale = femaleUln,
            DefaultUlnOther = otherUln,
            ChildUnderYears = childUnderYears,
            CkTimesUlnThresholds = ConditionLeaves.NumbersComparedWith(AllConditions(ordered, context.Conditions.Values, context.Stratifications.Values), "ck.timesUln"),
            CkTimesUlnComparisons = ConditionLeaves.ComparisonsWith(AllConditions(ordered, context.Conditions.Values, context.Stratifications.Values), "ck.timesUln"),
            Classification = classification,
        };
    }

    /// <summary>Every condition of the ruleset: rules, treatment cautions and named conditions.</summary>
    private static IEnumerable<Condition> AllConditions(IEnumerable<Rule> rules, IEnumerable<NamedCondition> named, IEnumerable<Stratification> stratifications) =>
        rules.Select(rule => rule.When)
            .Concat(rules.OfType<Rule<TreatmentAction>>().SelectMany(rule => rule.Action.Cautions).Select(c => c.When).OfType<Condition>())
            .Concat(named.Select(n => n.When))
            .Concat(stratifications.SelectMany(s => s.Conditions));

    private Rule? ReadRule(JsonCursor item)
    {
        if (!item.IsObject("id", "kind", "when", "then", "rationale", "citations"))
        {
            return null;
        }

        var id = item.String("id");
        var kind = ActionReader.Parse<RuleKind>(item, "kind");
        var whenCursor = item.Property("when");
        var when = whenCursor is { } w ? conditions.Read(w) : null;
        var thenCursor = item.Property("then");
        var then = thenCursor is { } t && kind is { } k ? actions.Read(t, k) : null;
        var rationale = catalogue.Rationale(item);
        var cited = catalogue.ReadCitationIds(item);
        if (id is null || kind is null || when is null || then is null || rationale is null || cited.Count == 0)
        {
            return null;
        }

        var factsRead = new List<FactDefinition>();
        when.CollectFacts(factsRead);
        var whenJson = JsonNode.Parse(whenCursor!.Value.Element.GetRawText())!;
        var thenJson = JsonNode.Parse(thenCursor!.Value.Element.GetRawText())!;
        var order = nextOrder++;
        return then switch
        {
            SubtypeAction subtype => Typed(subtype),
            CertaintyAction certainty => Typed(certainty),
            AlertAction alert => Typed(alert),
            WorkupAction workup => Typed(workup),
            TreatmentAction treatment => Typed(treatment),
            _ => throw new InvalidOperationException($"No rule type for {then.GetType().Name}."),
        };

        Rule<TAction> Typed<TAction>(TAction action)
            where TAction : RuleAction => new()
            {
                Id = id,
                Kind = kind.Value,
                When = when,
                Action = action,
                Rationale = rationale,
                Citations = cited,
                File = item.File,
                WhenJson = whenJson,
                ThenJson = thenJson,
                FactsRead = factsRead,
                Order = order,
            };
    }
}
