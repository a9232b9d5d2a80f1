using System.Buffers;
using System.Text;
using System.Text.Json;
using ImnmDecision.Engine.Answers;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;
using ImnmDecision.Engine.Tests.Batch;
using ImnmDecision.Engine.Tests.Golden;
using ImnmDecision.Engine.Tests.Support;

namespace ImnmDecision.Engine.Tests.Variants;

/// <summary>
/// Every engine variant (<see cref="EngineVariants.All"/>: the plain reference and the speed code) gives the same
/// output for the same input: the same errors from its case check and, for a valid case, the same answer byte for
/// byte. The inputs: every golden case, a generated 100,000-row cohort with invalid rows, and the edge values of
/// every field of the findings schema.
/// </summary>
public sealed class VariantDifferentialTests
{
    private static readonly AssessmentEngine[] Engines =
        [.. EngineVariants.All.Select(variant => new AssessmentEngine(RealRuleset.Ruleset, () => Guid.Empty, variant))];

    [Fact]
    public void The_variants_list_the_reference_first_and_differ_in_every_part()
    {
        EngineVariants.All[0].Should().BeSameAs(EngineVariants.Plain);
        EngineVariants.All.Select(v => v.Name).Should().OnlyHaveUniqueItems();
        EngineVariants.All.Select(v => v.Check.GetType()).Should().OnlyHaveUniqueItems();
        EngineVariants.All.Select(v => v.Answers.GetType()).Should().OnlyHaveUniqueItems();
        EngineVariants.Plain.Answers.Should().BeOfType<SerializerAnswerWriter>("the reference answer is the serializer's");
    }

    [Fact]
    public void The_reference_writer_writes_what_the_serializer_writes()
    {
        var findings = new FindingsBuilder().CaseId("bed-12").Choice("antibodies.srp", "positive").Number("patient.weightKg", 58).Build();
        var assessment = Engines[0].Assess(findings);

        Answer(EngineVariants.Plain.Answers, assessment).Should().Be(JsonSerializer.Serialize(assessment, ImnmJson.Options));
    }

    [Fact]
    public void CaseIds_that_need_escaping_get_the_same_answer_from_every_variant()
    {
        string[] caseIds = ["\"quoted\" <b>&amp;</b> 'x' +1 `y`", "caf\u00e9 \u4e2d\u6587 \ud83d\ude00", "tab\tnew\nline\u0001\u2028", "back\\slash/"];
        var cases = caseIds.Select(id => new FindingsBuilder().CaseId(id).Choice("antibodies.hmgcr", "positive").Number("ck.value", 3000).Build()).Append(
            new FindingsBuilder().CaseId(null).Choice("antibodies.srp", "positive").Build()).ToList();

        AllAgree(cases).Valid.Should().Be(cases.Count);
    }

    [Fact]
    public void Every_golden_case_gets_the_same_answer_from_every_variant()
    {
        var cases = Directory.GetFiles(Path.Combine(Repository.Root, "tests", "cases"), "*.json")
            .Select(file => JsonSerializer.Deserialize<GoldenCase>(File.ReadAllText(file), ImnmJson.Options)!.ReadFindings())
            .ToList();

        cases.Should().HaveCountGreaterThan(40);
        AllAgree(cases).Valid.Should().Be(cases.Count, "golden cases are valid");
    }

    [Fact]
    public void A_generated_cohort_with_invalid_rows_gets_the_same_output_from_every_variant()
    {
        var cohort = BatchHarness.Generate(BatchFormat.Ndjson, 100_000, seed: 41, invalidFraction: 0.05)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => FindingsJson.TryParse(Encoding.UTF8.GetBytes(line), out var findings, out _) ? findings : null)
            .OfType<Findings>()
            .ToList();

        var (valid, invalid) = AllAgree(cohort, fullAnswerEvery: 10);

        valid.Should().BeGreaterThan(80_000);
        invalid.Should().BeGreaterThan(100, "the cohort's invalid rows must reach the checks");
    }

    [Fact]
    public void The_edge_values_of_every_field_get_the_same_output_from_every_variant()
    {
        var baseCase = new FindingsBuilder()
            .Number("ck.value", 4000).Choice("ck.unit", "U/L").Number("ck.upperLimitOfNormal", 200)
            .Choice("antibodies.hmgcr", "positive").Choice("patient.sex", "female").Number("patient.ageYears", 50)
            .Build();
        var cases = FindingsSchema.Fields.SelectMany(field => EdgeValues(field).Select(edit => edit(baseCase.ToBuilder()).Build())).ToList();

        var (valid, invalid) = AllAgree(cases);

        valid.Should().BeGreaterThan(FindingsSchema.Fields.Length);
        invalid.Should().BeGreaterThan(FindingsSchema.Fields.Count(f => f.Kind == FindingKind.Number), "each range has a value outside it");
    }

    /// <summary>Checks and assesses every case with every variant; the counts of valid and invalid cases.</summary>
    private static (int Valid, int Invalid) AllAgree(List<Findings> cases, int fullAnswerEvery = 1)
    {
        var (valid, invalid) = (0, 0);
        for (var i = 0; i < cases.Count; i++)
        {
            var findings = cases[i];
            var errors = EngineVariants.All.Select(v => Describe(v.Check.Errors(findings))).ToArray();
            if (errors.Any(e => e != errors[0]))
            {
                errors.Should().AllBe(errors[0], $"case {i}: every case check gives the same errors");
            }

            if (EngineVariants.Plain.Check.Errors(findings) is not null)
            {
                invalid++;
                continue;
            }

            valid++;
            var answers = Engines.Select((engine, v) => i % fullAnswerEvery == 0
                ? Answer(EngineVariants.All[v].Answers, engine.Assess(findings))
                : Decisions(engine, findings)).ToArray();
            if (answers.Any(a => a != answers[0]))
            {
                answers.Should().AllBe(answers[0], $"case {i}: every variant gives the same answer");
            }
        }

        return (valid, invalid);
    }

    /// <summary>The answer's JSON as the writer writes it, as text (compared as text, so a difference is shown where it is).</summary>
    private static string Answer(IAnswerWriter writer, Engine.Assessments.Assessment assessment)
    {
        var output = new ArrayBufferWriter<byte>(64 * 1024);
        writer.Write(output, assessment);
        return Encoding.UTF8.GetString(output.WrittenSpan);
    }

    private static string Decisions(AssessmentEngine engine, Findings findings)
    {
        var decisions = engine.Evaluate(findings);
        return string.Join(" / ", decisions.Subtype, decisions.Certainty, decisions.MissingFields, decisions.SubtypeRule?.Id, decisions.CertaintyRule?.Id,
            string.Join(",", decisions.AlertFired), string.Join(",", decisions.TreatmentFired), string.Join(",", decisions.WorkupFired),
            string.Join(";", decisions.CautionTruths.Select(t => string.Join(",", t))));
    }

    private static string Describe(IReadOnlyDictionary<string, string[]>? errors) =>
        errors is null ? "valid" : string.Join("\n", errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}"));

    /// <summary>Each field set to each of its edge values: range ends and just outside them, every spelling, text at and over its length.</summary>
    private static IEnumerable<Func<FindingsBuilder, FindingsBuilder>> EdgeValues(FindingField field)
    {
        yield return b => b.Remove(field.Path);
        switch (field.Kind)
        {
            case FindingKind.Number:
                foreach (var value in new[] { field.Minimum, field.Maximum }.OfType<double>()
                    .SelectMany(v => new[] { v, Math.BitDecrement(v), Math.BitIncrement(v), v - 1, v + 1 }).Append(0).Append(1e300))
                {
                    yield return b => b.Number(field.Path, value);
                }

                break;
            case FindingKind.Boolean:
                yield return b => b.Boolean(field.Path, true);
                yield return b => b.Boolean(field.Path, false);
                break;
            case FindingKind.Choice:
                foreach (var choice in field.Choices)
                {
                    yield return b => b.Choice(field.Path, choice);
                }

                break;
            case FindingKind.ChoiceSet:
                yield return b => b.Set(field.Path, []);
                yield return b => b.Set(field.Path, field.Choices);
                foreach (var choice in field.Choices)
                {
                    yield return b => b.Set(field.Path, [choice]);
                }

                break;
            default:
                foreach (var length in new[] { 0, 1, field.MaxLength, field.MaxLength + 1 })
                {
                    yield return b => b.Text(field.Path, new string('x', length));
                }

                break;
        }
    }
}
