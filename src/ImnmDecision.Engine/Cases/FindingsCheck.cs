using System.Collections.Immutable;

namespace ImnmDecision.Engine.Cases;

/// <summary>
/// One check of the findings contract as its error reads: the JSON path the error is keyed by, its message (a fixed
/// text that never repeats the value sent), and whether a case's values pass it. All derive from
/// <see cref="FindingsSchema"/>: a case holds a finding, each number is in its field's range, each text within its
/// length, and each two-field relation holds.
/// </summary>
internal sealed record FindingsCheck(string Path, string Message, Func<FindingValues, bool> Holds)
{
    /// <summary>The field whose range (a number's bounds, a text's length) this check is, if it is one (a fast case check may compare it directly).</summary>
    public FindingField? RangeOf { get; private init; }

    /// <summary>The case holds at least one finding.</summary>
    public static readonly FindingsCheck NoFindings = new("$", "The case holds no findings; send at least one.", v => v.HasAnyFinding);

    /// <summary>The checks in order: the error order of the validator and the bit order of the batch precheck.</summary>
    public static ImmutableArray<FindingsCheck> All { get; } = Build();

    private static ImmutableArray<FindingsCheck> Build()
    {
        var checks = new List<FindingsCheck> { NoFindings };
        foreach (var field in FindingsSchema.Fields)
        {
            if (field.RangeMessage is { } message)
            {
                checks.Add(field.Kind == FindingKind.Text
                    ? new(field.Path, message, v => v.Text(field) is not { } text || text.Length <= field.MaxLength) { RangeOf = field }
                    : new(field.Path, message, v => v.Number(field) is not { } number || field.InRange(number)) { RangeOf = field });
            }

            checks.AddRange(FindingsSchema.Relations.Where(r => r.Reads == field.Path).Select(r => new FindingsCheck(r.Path, r.Message, r.Holds)));
        }

        return checks.Count <= 64 ? [.. checks] : throw new InvalidOperationException("More than 64 findings checks: widen the precheck's mask.");
    }
}
