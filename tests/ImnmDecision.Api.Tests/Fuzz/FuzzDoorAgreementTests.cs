using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Semantic fuzzing of valid cases (<see cref="CaseGenerator"/> with no damage: every field at its bounds, odd
/// number spellings, every spelling, sets empty to full): the single door, an NDJSON batch, a JSON array batch and a
/// CSV batch must give the same subtype, certainty, alerts, outstanding workup, treatment, avoided options and
/// missing fields for the same case; and a field sent with a value is never listed missing. FUZZ_SEED replays a run.
/// </summary>
public sealed class FuzzDoorAgreementTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 14;

    private readonly HttpClient client = factory.CreateClient();

    [Fact]
    public async Task Fuzz_ValidCases_EveryDoorAnswersAlike_400Cohorts()
    {
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var generator = new CaseGenerator(unchecked((Seed * 1_000_003) + (6 * 100_003) + i));
            var cases = Enumerable.Range(0, 1 + generator.Next(6)).Select(_ => ValidCase(generator)).ToList();
            var label = $"FUZZ_SEED={Seed} doors cohort {i}";
            var singles = new List<JsonNode>();
            foreach (var @case in cases)
            {
                var (status, text) = await PostAsync(Json.AssessmentsPath, @case.Json, "application/json", "application/json");
                if (status != HttpStatusCode.OK)
                {
                    failures.Add($"{label}: a valid case answered {(int)status}: {Preview(text)}; sent {Preview(Encoding.UTF8.GetString(@case.Json))}");
                    return;
                }

                var single = JsonNode.Parse(text)!;
                singles.Add(Row(single));
                CheckMissing(@case, single, label, failures);
            }

            var ndjson = cases.SelectMany(c => c.Json.Append((byte)'\n')).ToArray();
            var array = Encoding.UTF8.GetBytes("[" + string.Join(",\n", cases.Select(c => Encoding.UTF8.GetString(c.Json))) + "]");
            var csv = Encoding.UTF8.GetBytes(FuzzCsv.Cohort(cases));
            foreach (var (door, body, mediaType) in new[] { ("ndjson", ndjson, "application/x-ndjson"), ("json", array, "application/json"), ("csv", csv, "text/csv") })
            {
                var (status, text) = await PostAsync("/api/v1/assessments/batch", body, mediaType, "application/x-ndjson");
                var rows = status == HttpStatusCode.OK ? text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList() : [];
                if (rows.Count != cases.Count + 1)
                {
                    failures.Add($"{label} {door}: {(int)status}, {rows.Count} rows for {cases.Count} cases: {Preview(text)}");
                    continue;
                }

                for (var r = 0; r < cases.Count; r++)
                {
                    var row = Project(rows[r]);
                    if (row.ToJsonString() != singles[r].ToJsonString())
                    {
                        failures.Add($"{label} {door} row {r}: the batch answered {row.ToJsonString()}, the single door {singles[r].ToJsonString()}; sent {Preview(Encoding.UTF8.GetString(cases[r].Json))}");
                    }
                }
            }
        });

        FuzzSchemaTests.Report(failures, $"seed {Seed} (set FUZZ_SEED to replay)");
    }

    [Fact]
    public async Task Fuzz_AbsentFieldNotListedMissing_ChangesNothingWhenGiven_300Cases()
    {
        var failures = new ConcurrentBag<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, 300), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var generator = new CaseGenerator(unchecked((Seed * 1_000_003) + (9 * 100_003) + i));
            var random = new Random(i);
            var @case = ValidCase(generator);
            var (_, text) = await PostAsync(Json.AssessmentsPath, @case.Json, "application/json", "application/json");
            var answer = JsonNode.Parse(text)!;
            var missing = answer["missing"]!.AsArray().Select(m => m!["field"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            var before = Decisions(answer);
            foreach (var field in ContractField.All.Where(f => Fillable(f.Path) && !missing.Contains(FindingsSchema.Field(f.Path).MissingKey ?? f.Path) && @case.Values.All(v => v.Field.Path != f.Path)))
            {
                var filled = new FuzzCase { Values = [.. @case.Values, (field, Fill(field, random))] };
                var (status, after) = await PostAsync(Json.AssessmentsPath, filled.Json, "application/json", "application/json");
                if (status == HttpStatusCode.OK && Decisions(JsonNode.Parse(after)!) is var changed && changed != before)
                {
                    failures.Add($"FUZZ_SEED={Seed} absent case {i}: {field.Path} is not listed missing, yet giving it changes {before} into {changed}; sent {Preview(Encoding.UTF8.GetString(filled.Json))}");
                }
            }
        });

        FuzzSchemaTests.Report(failures, $"seed {Seed} (set FUZZ_SEED to replay)");
    }

    [Fact]
    public async Task Grid_CkAtTheEdgesOfDouble_EveryDoorAgreesAndNothingSentIsListedMissing()
    {
        string?[] values = ["0", "5E-324", "1e-300", "1", "1e12", "1e300", "1.7976931348623157E+308"];
        string?[] limits = [null, "5E-324", "1", "1e300", "1.7976931348623157E+308"];
        string?[] units = [null, "U/L", "ukat/L"];
        string?[] sexes = [null, "female", "male"];
        var grid = (from value in values from limit in limits from unit in units from sex in sexes select (value, limit, unit, sex)).ToList();
        var cases = grid.Select((g, i) => new FuzzCase
        {
            Values = new (string Path, string? Json)[]
            {
                ("caseId", $"\"grid-{i}\""), ("ck.value", g.value), ("ck.upperLimitOfNormal", g.limit), ("ck.unit", g.unit is null ? null : $"\"{g.unit}\""),
                ("patient.sex", g.sex is null ? null : $"\"{g.sex}\""), ("antibodies.srp", "\"positive\""), ("clinical.proximalWeakness", "\"mild\""),
            }.Where(v => v.Json is not null).Select(v => (ContractField.All.First(f => f.Path == v.Path), FuzzValue.Valid(v.Json!, v.Json!.Trim('"')))).ToList(),
        }).ToList();

        var failures = new ConcurrentBag<string>();
        var singles = new List<JsonNode>();
        foreach (var @case in cases)
        {
            var (status, text) = await PostAsync(Json.AssessmentsPath, @case.Json, "application/json", "application/json");
            status.Should().Be(HttpStatusCode.OK, Encoding.UTF8.GetString(@case.Json));
            var answer = JsonNode.Parse(text)!;
            singles.Add(Row(answer));
            CheckMissing(@case, answer, Encoding.UTF8.GetString(@case.Json), failures);
            foreach (var problem in FuzzAnswerInvariantTests.Violations(answer.AsObject(), null).Where(p => !p.StartsWith("the ruleset", StringComparison.Ordinal)))
            {
                failures.Add($"{Encoding.UTF8.GetString(@case.Json)}: {problem}");
            }
        }

        foreach (var (body, mediaType) in new[] { (cases.SelectMany(c => c.Json.Append((byte)'\n')).ToArray(), "application/x-ndjson"), (Encoding.UTF8.GetBytes(FuzzCsv.Cohort(cases)), "text/csv") })
        {
            var (_, text) = await PostAsync("/api/v1/assessments/batch", body, mediaType, "application/x-ndjson");
            var rows = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
            rows.Should().HaveCount(cases.Count + 1);
            for (var r = 0; r < cases.Count; r++)
            {
                if (Project(rows[r]).ToJsonString() != singles[r].ToJsonString())
                {
                    failures.Add($"{mediaType} row {r}: {Project(rows[r]).ToJsonString()}, the single door {singles[r].ToJsonString()}; sent {Encoding.UTF8.GetString(cases[r].Json)}");
                }
            }
        }

        FuzzSchemaTests.Report(failures, $"{cases.Count} CK readings");
    }

    [Theory]
    [InlineData("1.7976931348623157e308", "1.7976931348623157e308", "100", "100")]
    [InlineData("1e308", "1e307", "1000", "100")]
    [InlineData("1.7976931348623157e308", "3e307", "600", "100")]
    public async Task Assess_CkAndItsLimitInMicrokatalPastDoubleRangeInUnitsPerLitre_AnswerAsTheSameRatioDoes(string value, string limit, string smallValue, string smallLimit)
    {
        static string Case(string value, string limit) =>
            "{\"ck\":{\"value\":" + value + ",\"unit\":\"ukat/L\",\"upperLimitOfNormal\":" + limit + "},\"antibodies\":{\"srp\":\"positive\"},\"clinical\":{\"proximalWeakness\":\"severe\"}}";

        var (_, huge) = await PostAsync(Json.AssessmentsPath, Encoding.UTF8.GetBytes(Case(value, limit)), "application/json", "application/json");
        var (_, small) = await PostAsync(Json.AssessmentsPath, Encoding.UTF8.GetBytes(Case(smallValue, smallLimit)), "application/json", "application/json");

        var answer = JsonNode.Parse(huge)!;
        answer["missing"]!.AsArray().Select(m => m!["field"]!.GetValue<string>()).Should().NotContain("ck.upperLimitOfNormal", "the lab's limit was sent");
        Row(answer).ToJsonString().Should().Be(Row(JsonNode.Parse(small)!).ToJsonString(), "CK as a multiple of its limit is the same");
    }

    /// <summary>A case the contract accepts (the generator's caseId is now and then one character too long).</summary>
    internal static FuzzCase ValidCase(CaseGenerator generator)
    {
        while (true)
        {
            var @case = generator.Case(hostility: 0, csv: true);
            if (@case.Verdict == FuzzVerdict.Valid)
            {
                return @case;
            }
        }
    }

    /// <summary>The single answer as a batch row holds it: ids only, workup still outstanding, options to avoid.</summary>
    internal static JsonObject Row(JsonNode answer) => new()
    {
        ["subtype"] = answer["subtype"]!["code"]!.GetValue<string>(),
        ["certainty"] = answer["subtype"]!["certainty"]!.GetValue<string>(),
        ["alerts"] = Ids(answer["alerts"], "id", _ => true),
        ["workup"] = Ids(answer["workup"], "id", w => w["status"]!.GetValue<string>() == "outstanding"),
        ["treatment"] = Ids(answer["treatment"], "id", _ => true),
        ["avoid"] = Ids(answer["treatment"], "id", t => t["avoid"]!.GetValue<bool>()),
        ["missing"] = Ids(answer["missing"], "field", _ => true),
    };

    /// <summary>A field sent with a known value is never listed missing (<c>not-tested</c>, <c>unknown</c> and <c>equivocal</c> say it is not known; a CK value sent as a bound is not the exact value).</summary>
    internal static void CheckMissing(FuzzCase @case, JsonNode answer, string label, ConcurrentBag<string> failures)
    {
        var sent = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, value) in @case.Values.Where(v => v.Value.Json is not ("\"not-tested\"" or "\"unknown\"" or "\"equivocal\"")).Select(v => (v.Field.Path, v.Value.Json)))
        {
            // Some fields are listed under another key: a biopsy done as "biopsy" (one not done still is, by design); a biopsy finding says it was done.
            var field = FindingsSchema.Field(path);
            sent.UnionWith(new[] { path, value == "false" ? null : field.MissingKey, field.ImpliesTrue, field.ImpliesTrue is { } implied ? FindingsSchema.Field(implied).MissingKey : null }.OfType<string>());
        }

        // A CK sent as a bound (ck.comparator) is not the exact value: that one may still be asked for.
        if (@case.Values.Any(v => v.Field.Path == "ck.comparator"))
        {
            sent.Remove("ck.value");
        }

        foreach (var missing in answer["missing"]!.AsArray().Select(m => m!["field"]!.GetValue<string>()))
        {
            if (sent.Contains(missing))
            {
                failures.Add($"{label}: {missing} was sent with a value and is listed missing; sent {Preview(Encoding.UTF8.GetString(@case.Json))}");
            }
        }
    }

    private static string Decisions(JsonNode answer)
    {
        var row = Row(answer);
        row.Remove("missing");
        return row.ToJsonString();
    }

    /// <summary>Findings that can be given alone, with no other field they depend on.</summary>
    private static bool Fillable(string path) =>
        FindingsSchema.Field(path) is { IsFinding: true, RequiresTrue: null, Kind: not FindingKind.Text }
        && path is not ("patient.pregnant" or "statin.stoppedWeeksAgo" or "clinical.symptomOnsetYearsAgo" or "patient.ageYears");

    private static FuzzValue Fill(ContractField field, Random random)
    {
        switch (field.Type)
        {
            case "number":
                var low = field.ExclusiveMinimum ? Math.BitIncrement(field.Minimum ?? 0) : field.Minimum ?? 0;
                var high = field.Maximum ?? 100_000;
                var number = random.Next(3) switch { 0 => low, 1 => high, _ => Math.Round(low + ((high - low) * random.NextDouble())) };
                var plain = number.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
                return FuzzValue.Valid(plain, plain);
            case "boolean":
                return random.Next(2) == 0 ? FuzzValue.Valid("true", "true") : FuzzValue.Valid("false", "false");
            case "array":
                var members = field.Spellings.Where(_ => random.Next(3) == 0).ToList();
                return FuzzValue.Valid("[" + string.Join(',', members.Select(m => $"\"{m}\"")) + "]", members.Count == 0 ? "none" : string.Join(';', members));
            default:
                var choice = field.Spellings[random.Next(field.Spellings.Length)];
                return FuzzValue.Valid($"\"{choice}\"", choice);
        }
    }

    private static JsonObject Project(JsonNode row) => new()
    {
        ["subtype"] = row["subtype"]?.GetValue<string>(),
        ["certainty"] = row["certainty"]?.GetValue<string>(),
        ["alerts"] = row["alerts"]?.DeepClone(),
        ["workup"] = row["workup"]?.DeepClone(),
        ["treatment"] = row["treatment"]?.DeepClone(),
        ["avoid"] = row["avoid"]?.DeepClone(),
        ["missing"] = row["missing"]?.DeepClone() ?? (row["error"] is { } error ? JsonValue.Create("error: " + error.ToJsonString()) : null),
    };

    private static JsonArray Ids(JsonNode? list, string key, Func<JsonNode, bool> keep) =>
        [.. list!.AsArray().Where(n => keep(n!)).Select(n => JsonValue.Create(n![key]!.GetValue<string>()))];

    private static string Preview(string text) => text.Length <= 500 ? text : text[..500] + "...";

    private async Task<(HttpStatusCode Status, string Text)> PostAsync(string path, byte[] body, string mediaType, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(path, UriKind.Relative)) { Content = new ByteArrayContent(body) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", mediaType);
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
