using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Rules.Loading;

/// <summary>
/// Reads a rule's <c>then</c> for its kind: the subtype (with a fixed or graded certainty), the certainty,
/// an alert, a workup item (listed, with a risk stratification, or withheld), or a treatment option with its
/// dose and cautions.
/// </summary>
internal sealed class ActionReader(LoadContext context, CatalogueReader catalogue, ConditionReader conditions)
{
    private readonly DoseReader doses = new(context, catalogue);

    public RuleAction? Read(JsonCursor then, RuleKind kind) => kind switch
    {
        RuleKind.Subtype => ReadSubtype(then),
        RuleKind.Certainty => then.IsObject("certainty") && Parse<Certainty>(then, "certainty") is { } c ? new CertaintyAction(c) : null,
        RuleKind.Alert => ReadAlert(then),
        RuleKind.Workup => ReadWorkup(then),
        _ => ReadTreatment(then),
    };

    /// <summary>The enum value named by the owner's property, or null with the allowed names reported.</summary>
    public static TEnum? Parse<TEnum>(JsonCursor owner, string name, params string[] alsoAllowed)
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
        if (!then.IsObject("alert", "severity", "message", "treatment"))
        {
            return null;
        }

        var alert = Parse<AlertId>(then, "alert");
        var severity = Parse<AlertSeverity>(then, "severity");
        var message = catalogue.Text(then, "message");
        var treatment = then.Property("treatment", required: false) is { } t ? ReadAlertTreatment(t) : null;
        if (alert is null || severity is null || message is null || (then.Has("treatment") && treatment is null))
        {
            return null;
        }

        return new AlertAction(alert.Value, severity.Value, message) { Treatment = treatment };
    }

    private AlertTreatmentText? ReadAlertTreatment(JsonCursor treatment)
    {
        if (!treatment.IsObject("options", "listed", "none") || treatment.Property("options") is not { } list)
        {
            return null;
        }

        var options = new List<(TreatmentId, string)>();
        var ok = true;
        foreach (var item in list.Items())
        {
            if (!item.IsObject("id", "text"))
            {
                ok = false;
                continue;
            }

            var id = Parse<TreatmentId>(item, "id");
            var text = catalogue.Text(item, "text");
            ok &= id is not null && text is not null;
            if (id is not null && text is not null)
            {
                options.Add((id.Value, text));
            }
        }

        var listed = treatment.String("listed");
        var none = catalogue.Text(treatment, "none");
        if (listed is not null && !listed.Contains(AlertTreatmentText.OptionsPlaceholder, StringComparison.Ordinal))
        {
            treatment.Property("listed")!.Value.Error($"'listed' must hold {AlertTreatmentText.OptionsPlaceholder}");
            ok = false;
        }

        if (options.Count == 0)
        {
            list.Error("at least one option is required");
            ok = false;
        }

        return !ok || listed is null || none is null ? null : new AlertTreatmentText { Options = options, Listed = listed, None = none };
    }

    private WorkupAction? ReadWorkup(JsonCursor then)
    {
        if (!then.IsObject("workup", "priority", "status", "reason", "stratification", "withhold"))
        {
            return null;
        }

        var withhold = then.Boolean("withhold", required: false) ?? false;
        if (withhold && (then.Has("priority") || then.Has("status") || then.Has("stratification")))
        {
            then.Error("a rule that withholds an item lists nothing: give it 'workup', 'withhold' and 'reason' only");
            return null;
        }

        var item = Parse<WorkupId>(then, "workup");
        var priority = withhold ? WorkupPriority.Consider : Parse<WorkupPriority>(then, "priority");
        var status = withhold ? WorkupStatus.Outstanding : Parse<WorkupStatus>(then, "status");
        var reason = catalogue.Text(then, "reason");
        Stratification? stratification = null;
        if (then.String("stratification", required: false) is { } id && !context.Stratifications.TryGetValue(id, out stratification))
        {
            if (!context.DefectiveStratifications.Contains(id))
            {
                then.Property("stratification")!.Value.Error($"unknown stratification '{id}' (define it in {RulesetLoader.StratificationsFile})");
            }

            return null;
        }

        return item is null || priority is null || status is null || reason is null
            ? null
            : new WorkupAction(item.Value, priority.Value, status.Value, reason) { Withhold = withhold, Stratification = stratification };
    }

    private TreatmentAction? ReadTreatment(JsonCursor then)
    {
        if (!then.IsObject("treatment", "role", "dose", "cautions"))
        {
            return null;
        }

        var treatment = Parse<TreatmentId>(then, "treatment");
        var role = Parse<TreatmentRole>(then, "role");
        var dose = then.Property("dose", required: false) is { } d ? doses.Read(d) : null;
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

    /// <summary>A caution: a text shown when its condition holds (always without one), with its own citations.</summary>
    public Caution? ReadCaution(JsonCursor item)
    {
        if (!item.IsObject("when", "text", "unknownText", "avoid", "citations"))
        {
            return null;
        }

        var when = item.Property("when", required: false) is { } w ? conditions.Read(w) : null;
        var text = catalogue.Text(item, "text");
        var unknownText = item.Has("unknownText") ? catalogue.Text(item, "unknownText") : null;
        var avoid = item.Boolean("avoid", required: false) ?? false;
        var cited = catalogue.ReadCitationIds(item, required: false);
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
}
