namespace ImnmDecision.CdsHooks.Mapping;

/// <summary>
/// The results of one lab test that were passed over, grouped by why: a record with many of them (a yearly
/// panel reported without reference ranges, as in Synthea's records) gives one note per reason, with the count
/// and the dates they span, instead of one line per result.
/// </summary>
internal sealed class SkippedResults(string name)
{
    // Reason null: the result was read but says nothing about "elevated"; otherwise its status, as described.
    private readonly List<(string? Status, string Date)> skipped = [];

    public void NotUsable(string status, string date) => skipped.Add((status, date));

    public void NotInterpretable(string date) => skipped.Add((null, date));

    /// <summary>One note per reason, in the order first met (newest results first).</summary>
    public void NoteTo(MappingReport report)
    {
        foreach (var group in skipped.GroupBy(s => s.Status, StringComparer.Ordinal))
        {
            var dates = group.Select(s => s.Date).Distinct(StringComparer.Ordinal).ToList();
            var span = dates.Count == 1 ? dates[0] : $"{dates[^1]} to {dates[0]}";
            var count = group.Count();
            var results = count == 1 ? $"{Indefinite(name)} {name} result" : $"{count} {name} results";
            report.Note(group.Key is { } status
                ? $"{results} ({span}, {status}) {(count == 1 ? "was" : "were")} not used."
                : $"{results} ({span}) {(count == 1 ? "has" : "have")} neither a value with an applicable upper limit nor a high or normal interpretation, so whether {(count == 1 ? "it" : name)} is elevated is not known.");
        }
    }

    // The names are initialisms read letter by letter (LDH, AST, ALT): "an" before a letter whose name starts
    // with a vowel sound.
    private static string Indefinite(string initialism) =>
        initialism.Length > 0 && "AEFHILMNORSX".Contains(char.ToUpperInvariant(initialism[0]), StringComparison.Ordinal) ? "An" : "A";
}
