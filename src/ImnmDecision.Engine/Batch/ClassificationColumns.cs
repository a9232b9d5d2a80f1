using System.Globalization;
using System.Text;
using System.Text.Json;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Classification;
using ImnmDecision.Engine.Facts;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Batch;

/// <summary>
/// Writes a row's 2017 EULAR/ACR classification: as four CSV cells (probability, category, subgroup, maximum
/// probability), or as the JSON object of the single-case answer without its static texts (each item's id, points
/// and status; the labels, findings and citations are the ruleset's and the same on every row). The fixed parts are
/// encoded once per criteria, so a row writes numbers and pre-encoded bytes only. Numbers are rounded as the
/// single-case answer rounds them.
/// </summary>
internal sealed class ClassificationColumns
{
    /// <summary>The CSV header cells, appended after the existing columns.</summary>
    public const string CsvHeader = "eularAcr.probability,eularAcr.category,eularAcr.subgroup,eularAcr.maxProbability";

    /// <summary>The most bytes a row's classification takes.</summary>
    public int MaxBytes { get; }

    private readonly ClassificationCriteria criteria;
    private readonly byte[][] categoryNames = [.. Enum.GetValues<ClassificationCategory>().Select(c => Encoding.UTF8.GetBytes(JsonNames.Name(c)))];
    private readonly byte[][] subgroupNames = [.. Enum.GetValues<ClassificationSubgroup>().Select(c => Encoding.UTF8.GetBytes(JsonNames.Name(c)))];
    private readonly byte[][] missingNames = [.. InputField.All.Select(Encoding.UTF8.GetBytes)];

    /// <summary>Each item's JSON object by scheme (0 without biopsy, 1 with) and truth; null when it is no item of the scheme.</summary>
    private readonly byte[]?[,,] itemJson;

    /// <summary>The comparison sentence as a JSON property, by discordance and subgroup.</summary>
    private readonly byte[][] comparisonJson;

    private readonly int subgroupCount = Enum.GetValues<ClassificationSubgroup>().Length;

    public ClassificationColumns(ClassificationCriteria criteria)
    {
        this.criteria = criteria;
        var items = criteria.Items;
        itemJson = new byte[]?[2, items.Count, 3];
        for (var scheme = 0; scheme < 2; scheme++)
        {
            for (var i = 0; i < items.Count; i++)
            {
                if (items[i].Points(scheme == 1) is not { } points)
                {
                    continue;
                }

                foreach (var truth in Enum.GetValues<Truth>())
                {
                    var status = JsonNames.Name(ClassificationBuilder.StatusOf(truth));
                    itemJson[scheme, i, (int)truth] = Encoding.UTF8.GetBytes(
                        $"{{\"id\":{JsonSerializer.Serialize(items[i].Id)},\"points\":{((double)points).ToString(CultureInfo.InvariantCulture)},\"status\":\"{status}\"}}");
                }
            }
        }

        var subgroups = Enum.GetValues<ClassificationSubgroup>();
        comparisonJson = new byte[criteria.Discordances.Count * subgroupCount][];
        var longestComparison = 0;
        for (var d = 0; d < criteria.Discordances.Count; d++)
        {
            foreach (var subgroup in subgroups)
            {
                var bytes = Encoding.UTF8.GetBytes(",\"comparison\":" + JsonSerializer.Serialize(criteria.Discordances[d].Statement.Replace("{subgroup}", SubgroupLabel(subgroup), StringComparison.Ordinal), ImnmJson.Options));
                comparisonJson[(d * subgroupCount) + (int)subgroup] = bytes;
                longestComparison = Math.Max(longestComparison, bytes.Length);
            }
        }

        MaxBytes = 512 + longestComparison + (items.Count * 128) + missingNames.Sum(n => n.Length + 3);
    }

    /// <summary>Whether these columns were built for these criteria.</summary>
    public bool IsFor(ClassificationCriteria other) => ReferenceEquals(criteria, other);

    /// <summary>The four CSV cells, comma separated (no leading comma).</summary>
    public void WriteCsv(Span<byte> span, ref int p, ClassificationDecisions decisions)
    {
        DecimalText.Write(span, ref p, ClassificationBuilder.Rounded(decisions.Probability, 4), 4);
        span[p++] = (byte)',';
        Utf8Text.Write(span, ref p, categoryNames[(int)decisions.Category]);
        span[p++] = (byte)',';
        Utf8Text.Write(span, ref p, subgroupNames[(int)decisions.Subgroup]);
        span[p++] = (byte)',';
        DecimalText.Write(span, ref p, ClassificationBuilder.Rounded(decisions.MaxProbability, 4), 4);
    }

    /// <summary>The JSON object (no property name before it).</summary>
    public void WriteJson(Span<byte> span, ref int p, ClassificationDecisions decisions)
    {
        Utf8Text.Write(span, ref p, decisions.BiopsyIncluded ? "{\"biopsyIncluded\":true,\"score\":"u8 : "{\"biopsyIncluded\":false,\"score\":"u8);
        DecimalText.Write(span, ref p, ClassificationBuilder.Rounded(decisions.Score, 2), 2);
        Utf8Text.Write(span, ref p, ",\"probability\":"u8);
        DecimalText.Write(span, ref p, ClassificationBuilder.Rounded(decisions.Probability, 4), 4);
        Utf8Text.Write(span, ref p, ",\"category\":\""u8);
        Utf8Text.Write(span, ref p, categoryNames[(int)decisions.Category]);
        Utf8Text.Write(span, ref p, "\",\"maxScore\":"u8);
        DecimalText.Write(span, ref p, ClassificationBuilder.Rounded(decisions.MaxScore, 2), 2);
        Utf8Text.Write(span, ref p, ",\"maxProbability\":"u8);
        DecimalText.Write(span, ref p, ClassificationBuilder.Rounded(decisions.MaxProbability, 4), 4);
        Utf8Text.Write(span, ref p, ",\"maxCategory\":\""u8);
        Utf8Text.Write(span, ref p, categoryNames[(int)decisions.MaxCategory]);
        Utf8Text.Write(span, ref p, "\",\"subgroup\":{\"code\":\""u8);
        Utf8Text.Write(span, ref p, subgroupNames[(int)decisions.Subgroup]);
        span[p++] = (byte)'"';
        WriteNeeds(span, ref p, decisions.SubgroupNeeds);
        Utf8Text.Write(span, ref p, "},\"items\":["u8);
        var scheme = decisions.BiopsyIncluded ? 1 : 0;
        var truths = decisions.ItemTruths;
        var first = true;
        for (var i = 0; i < truths.Length; i++)
        {
            if (itemJson[scheme, i, (int)truths[i]] is not { } item)
            {
                continue;
            }

            if (!first)
            {
                span[p++] = (byte)',';
            }

            first = false;
            Utf8Text.Write(span, ref p, item);
        }

        span[p++] = (byte)']';
        if (decisions.Discordance >= 0)
        {
            Utf8Text.Write(span, ref p, comparisonJson[(decisions.Discordance * subgroupCount) + (int)decisions.Subgroup]);
        }

        span[p++] = (byte)'}';
    }

    private void WriteNeeds(Span<byte> span, ref int p, FieldMask needs)
    {
        if (needs == FieldMask.Zero)
        {
            return;
        }

        Utf8Text.Write(span, ref p, ",\"needs\":["u8);
        for (var n = 0; needs != FieldMask.Zero; n++)
        {
            var bit = (int)FieldMask.TrailingZeroCount(needs);
            needs &= needs - FieldMask.One;
            if (n > 0)
            {
                span[p++] = (byte)',';
            }

            span[p++] = (byte)'"';
            Utf8Text.Write(span, ref p, missingNames[bit]);
            span[p++] = (byte)'"';
        }

        span[p++] = (byte)']';
    }

    private string SubgroupLabel(ClassificationSubgroup subgroup) =>
        criteria.Subgroups.FirstOrDefault(l => l.Subgroup == subgroup)?.Label ?? JsonNames.Name(subgroup);
}
