using System.Globalization;
using System.Text;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Cli.Output;

/// <summary>
/// The 2017 EULAR/ACR classification of an assessment as text: score, probability and category, how far the
/// unknown items could take it, the subgroup, the sentence where it and the subtype disagree, and a short table of
/// the items (points and status).
/// </summary>
internal static class ClassificationText
{
    public static void Append(StringBuilder text, ClassificationResult? result, Func<IEnumerable<string>?, string> cite)
    {
        text.AppendLine();
        text.AppendLine("EULAR/ACR 2017 CLASSIFICATION (beside the subtype; it never changes it)");
        if (result is null)
        {
            text.AppendLine("  (none in this ruleset)");
            return;
        }

        var scheme = result.BiopsyIncluded ? "with biopsy" : "without biopsy";
        text.AppendLine(Invariant($"  score {result.Score:0.0#} {scheme}: probability {result.Probability:P2}, {JsonNames.Name(result.Category)}{cite(result.Citations)}"));
        text.AppendLine(Invariant($"  if every unknown item were met: {result.MaxScore:0.0#}, {result.MaxProbability:P2}, {JsonNames.Name(result.MaxCategory)}"));
        text.AppendLine($"  subgroup: {result.Subgroup.Label} ({JsonNames.Name(result.Subgroup.Code)})"
            + (result.Subgroup.Needs is { Count: > 0 } needs ? $"; needs {string.Join(", ", needs)}" : ""));
        if (result.Comparison is { } comparison)
        {
            text.AppendLine($"  note: {comparison}");
        }

        text.AppendLine($"  {"item",-40} {"points",6}  status");
        foreach (var item in result.Items)
        {
            text.AppendLine(Invariant($"  {item.Id,-40} {item.Points,6:0.0}  {JsonNames.Name(item.Status)}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
