using System.Text;
using ImnmDecision.Engine.Assessments;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Cohorts;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Properties;

/// <summary>
/// A generated cohort (the project's generator, as NDJSON a researcher would send), read and validated as the
/// batch door reads it, and assessed once against the real rules/ for every property test of the class.
/// </summary>
internal static class GeneratedCohort
{
    public const int Size = 20_000;

    private static readonly Lazy<IReadOnlyList<(Findings Findings, Assessment Answer)>> Cases = new(Build);

    public static IReadOnlyList<(Findings Findings, Assessment Answer)> All => Cases.Value;

    private static List<(Findings, Assessment)> Build()
    {
        using var stream = new MemoryStream();
        CohortWriter.WriteAsync(stream, BatchFormat.Ndjson, new CohortGenerator(seed: 2027, invalidFraction: 0), Size).GetAwaiter().GetResult();
        var validator = new FindingsValidator();
        var cases = new List<(Findings, Assessment)>(Size);
        foreach (var line in Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (FindingsJson.TryParse(Encoding.UTF8.GetBytes(line), out var findings, out _) && validator.Validate(findings).IsValid)
            {
                cases.Add((findings, RealRuleset.Engine.Assess(findings)));
            }
        }

        return cases;
    }
}
