using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ImnmDecision.Cli.Tests.Support;
using ImnmDecision.Engine;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Rules;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Cli.Tests.Commands;

/// <summary>
/// imnm score on seeded cohorts of valid cases (every field of the schema at its bounds, numbers spelled
/// <c>1.0</c>, <c>1e2</c>, <c>-0</c>, every spelling, sets empty, one or all): the same cohort written as NDJSON, a
/// JSON array and CSV scores alike, in NDJSON and in CSV results, and as the engine answers each case alone
/// (subtype, certainty, alerts, outstanding workup, treatment, avoided options, missing). FUZZ_SEED replays a run.
/// </summary>
public sealed class ScoreAgreementFuzzTests
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 14;

    private static readonly string[] Lists = ["alerts", "workup", "treatment", "avoid", "missing"];

    [Fact]
    public async Task Fuzz_Score_ValidCohortInEveryFormat_AnswersAsTheEngineDoes_12Runs()
    {
        var engine = new AssessmentEngine(RulesetLoader.Load(Repository.Rules));
        for (var run = 0; run < 12; run++)
        {
            var random = new Random(unchecked((Seed * 1_000_003) + run));
            var cases = Enumerable.Range(0, 40).Select(i => Case(random, $"c{run}-{i}")).ToList();
            using var console = new TestConsole();
            var columns = FindingsSchema.Fields.Select(f => f.Path).Where(p => cases.Any(c => c.ContainsKey(p))).ToList();
            await File.WriteAllLinesAsync(console.PathOf("in.ndjson"), cases.Select(ToJson));
            await File.WriteAllTextAsync(console.PathOf("in.json"), "[" + string.Join(",\n", cases.Select(ToJson)) + "]");
            await File.WriteAllLinesAsync(console.PathOf("in.csv"), [string.Join(',', columns), .. cases.Select(c => string.Join(',', columns.Select(p => c.TryGetValue(p, out var v) ? v.Csv : string.Empty)))]);

            var expected = cases.Select(c => Expected(engine, ToJson(c))).ToList();
            foreach (var (input, output) in new[] { ("in.ndjson", "n.ndjson"), ("in.json", "j.ndjson"), ("in.csv", "c.ndjson"), ("in.ndjson", "n.csv"), ("in.csv", "c.csv") })
            {
                var exit = await console.RunAsync("score", console.PathOf(input), "-o", console.PathOf(output), "--raw-csv");
                var written = await File.ReadAllTextAsync(console.PathOf(output));
                exit.Should().Be(0, $"FUZZ_SEED={Seed} run {run}: every case of {input} is valid: {string.Join('\n', written.Split('\n').Where(l => l.Contains("error", StringComparison.Ordinal)).Take(3))}");
                var rows = output.EndsWith(".csv", StringComparison.Ordinal)
                    ? FromCsv(await File.ReadAllLinesAsync(console.PathOf(output)))
                    : (await File.ReadAllLinesAsync(console.PathOf(output))).Select(l => JsonNode.Parse(l)!).SkipLast(1).Select(Project).ToList();
                rows.Should().HaveCount(cases.Count);
                for (var i = 0; i < cases.Count; i++)
                {
                    rows[i].Should().Be(expected[i], $"FUZZ_SEED={Seed} run {run}: case {i} from {input} to {output} answers as the engine does; sent {ToJson(cases[i])}");
                }
            }
        }
    }

    /// <summary>A valid case: each field with chance 0.3, values at and inside their bounds in odd spellings.</summary>
    private static Dictionary<string, (string Json, string Csv)> Case(Random random, string caseId)
    {
        var values = new Dictionary<string, (string Json, string Csv)>(StringComparer.Ordinal) { ["caseId"] = ($"\"{caseId}\"", caseId) };
        foreach (var field in FindingsSchema.Fields.Where(f => f.Path != "caseId" && random.NextDouble() < 0.3))
        {
            values[field.Path] = Value(field, random);
        }

        values.TryAdd("ck.value", ("100", "100"));
        if (values.GetValueOrDefault("patient.pregnant").Json == "true" && values.GetValueOrDefault("patient.sex").Json == "\"male\"")
        {
            values["patient.sex"] = ("\"female\"", "female");
        }

        if (values.GetValueOrDefault("biopsy.performed").Json == "false" && values.Keys.Any(p => p.StartsWith("biopsy.", StringComparison.Ordinal) && p != "biopsy.performed"))
        {
            values["biopsy.performed"] = ("true", "true");
        }

        if (values.ContainsKey("statin.stoppedWeeksAgo"))
        {
            values["statin.exposure"] = ("\"past\"", "past");
        }

        if (values.TryGetValue("clinical.symptomOnsetYearsAgo", out var onset) && values.TryGetValue("patient.ageYears", out var age)
            && double.Parse(onset.Json, CultureInfo.InvariantCulture) > double.Parse(age.Json, CultureInfo.InvariantCulture))
        {
            values["clinical.symptomOnsetYearsAgo"] = age;
        }

        return values;
    }

    private static (string Json, string Csv) Value(FindingField field, Random random)
    {
        switch (field.Kind)
        {
            case FindingKind.Number:
                var low = field.Minimum ?? 0;
                var high = field.Maximum ?? (random.Next(8) == 0 ? 1e300 : 1e6);
                var number = random.Next(5) switch
                {
                    0 => field.MinimumExclusive ? Math.BitIncrement(low) : low,
                    1 => high,
                    2 => Math.Round(low + (random.NextDouble() * (high - low)), 2),
                    3 when !field.MinimumExclusive && low == 0 => 0,
                    _ => Math.Floor(low + (random.NextDouble() * (high - low))),
                };
                number = Math.Max(field.MinimumExclusive ? Math.BitIncrement(low) : low, Math.Min(high, number));
                var plain = number.ToString("R", CultureInfo.InvariantCulture);
                var spelled = random.Next(4) switch
                {
                    0 when number == 0 => "-0",
                    1 when number == Math.Floor(number) && number < 1e15 => plain + ".0",
                    2 when number >= 100 && number == Math.Floor(number) && number < 1e15 => (number / 100).ToString("R", CultureInfo.InvariantCulture) + "e2",
                    _ => plain,
                };
                return (spelled, spelled);
            case FindingKind.Boolean:
                return random.Next(2) == 0 ? ("true", "true") : ("false", "false");
            case FindingKind.ChoiceSet:
                var members = random.Next(3) switch
                {
                    0 => [],
                    1 => field.Choices.ToList(),
                    _ => field.Choices.Where(_ => random.Next(3) == 0).ToList(),
                };
                return ("[" + string.Join(',', members.Select(m => $"\"{m}\"")) + "]", members.Count == 0 ? "none" : string.Join(';', members));
            case FindingKind.Choice:
                var choice = field.Choices[random.Next(field.Choices.Count)];
                return ($"\"{choice}\"", choice);
            default:
                return ("\"text\"", "text");
        }
    }

    private static string ToJson(Dictionary<string, (string Json, string Csv)> values)
    {
        var root = new JsonObject();
        foreach (var (path, (json, _)) in values)
        {
            var parts = path.Split('.');
            var at = root;
            foreach (var part in parts[..^1])
            {
                at = (at[part] ??= new JsonObject()).AsObject();
            }

            at[parts[^1]] = JsonNode.Parse(json);
        }

        return root.ToJsonString(); // a parsed number keeps its spelling (1.0, 1e2, -0)
    }

    private static string Expected(AssessmentEngine engine, string json)
    {
        var answer = JsonSerializer.SerializeToNode(engine.Assess(JsonSerializer.Deserialize<Findings>(json, ImnmJson.Options)!), ImnmJson.Options)!;
        return Line(
            answer["subtype"]!["code"]!.GetValue<string>(),
            answer["subtype"]!["certainty"]!.GetValue<string>(),
            Ids(answer["alerts"], "id", _ => true),
            Ids(answer["workup"], "id", w => w["status"]!.GetValue<string>() == "outstanding"),
            Ids(answer["treatment"], "id", _ => true),
            Ids(answer["treatment"], "id", t => t["avoid"]!.GetValue<bool>()),
            Ids(answer["missing"], "field", _ => true));
    }

    private static string Project(JsonNode row) =>
        row["error"] is { } error ? "error " + error.ToJsonString()
        : Line(row["subtype"]!.GetValue<string>(), row["certainty"]!.GetValue<string>(), [.. Lists.Select(l => string.Join(';', row[l]!.AsArray().Select(n => n!.GetValue<string>())))]);

    private static List<string> FromCsv(string[] lines)
    {
        var header = lines[0].Split(',').ToList();
        return [.. lines.Skip(1).SkipLast(1).Select(l => l.Split(',')).Select(cells =>
            cells[header.IndexOf("error")].Length > 0 ? "error " + cells[header.IndexOf("error")]
            : Line(cells[header.IndexOf("subtype")], cells[header.IndexOf("certainty")], [.. Lists.Select(l => cells[header.IndexOf(l)])]))];
    }

    private static string Ids(JsonNode? list, string key, Func<JsonNode, bool> keep) =>
        string.Join(';', list!.AsArray().Where(n => keep(n!)).Select(n => n![key]!.GetValue<string>()));

    private static string Line(string subtype, string certainty, params string[] lists) => $"{subtype} {certainty} | {string.Join(" | ", lists)}";
}
