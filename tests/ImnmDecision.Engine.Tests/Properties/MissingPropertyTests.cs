using System.Text.Json;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;
using ImnmDecision.Engine.Tests.Support;
using Xunit.Abstractions;

namespace ImnmDecision.Engine.Tests.Properties;

/// <summary>
/// "missing lists every absent field that would change any part of the answer" (decision table), as a property
/// over every golden case and part of the generated cohort: each absent field is filled with each plausible
/// value (<see cref="FieldFillings"/>) and the case assessed again; when a part a clinician acts on changes
/// (<see cref="ActedOnParts"/>), the original answer must have listed the field under its missing key (a biopsy
/// detail's is <c>biopsy</c> while the biopsy itself is unreported). Fields listed that no single value changes
/// are reported in the test output, not failed: some matter only together with another absent field.
/// </summary>
public sealed class MissingPropertyTests(ITestOutputHelper output)
{
    /// <summary>How many cases of the generated cohort are probed as generated (beside every golden case).</summary>
    private const int CohortSample = 2_000;

    /// <summary>
    /// How many further cohort cases are probed thinned (every golden case is also probed thinned once): each finding dropped with probability <see cref="DropChance"/>
    /// (seeded), so that absences the generator never makes (a biopsy reported without its pattern) are probed too.
    /// </summary>
    private const int ThinnedSample = 1_500;

    private const double DropChance = 0.35;

    private static readonly FieldFillings Fillings = new(RealRuleset.Ruleset);

    [Fact]
    public void FillingAnAbsentField_ThatChangesTheAnswer_WasListedAsMissing()
    {
        var sample = Sample();
        var probes = new CaseProbe[sample.Count];
        Parallel.For(0, sample.Count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i => probes[i] = Probe(sample[i].Label, sample[i].Findings));

        var omissions = probes.SelectMany(p => p.Omissions).ToList();
        Report(probes, omissions);

        probes.Sum(p => p.Assessed).Should().BeGreaterThan(100_000, "every absent field of every sampled case is filled with several values");
        probes.Sum(p => p.Changed).Should().BeGreaterThan(10_000, "many fillings change the answer, so the check has something to check");
        omissions.Should().BeEmpty("a field whose value changes the answer must be in missing; first omissions:\n" + string.Join('\n', omissions.Take(25)));
    }

    private static List<(string Label, Findings Findings)> Sample()
    {
        var sample = new List<(string, Findings)>();
        var seed = 0;
        foreach (var file in Directory.EnumerateFiles(Repository.CasesFolder, "*.json").Order(StringComparer.Ordinal))
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            var findings = document.RootElement.GetProperty("findings").Deserialize<Findings>(ImnmJson.Options)!;
            sample.Add((Path.GetFileName(file), findings));
            if (Thinned(findings, seed: --seed) is { } thinned)
            {
                sample.Add((Path.GetFileName(file) + " thinned", thinned));
            }
        }

        sample.AddRange(GeneratedCohort.All.Take(CohortSample).Select((c, i) => ($"cohort case {i}", c.Findings)));
        for (var i = CohortSample; i < CohortSample + ThinnedSample; i++)
        {
            if (Thinned(GeneratedCohort.All[i].Findings, seed: i) is { } thinned)
            {
                sample.Add(($"cohort case {i} thinned", thinned));
            }
        }

        return sample;
    }

    /// <summary>The case with each finding dropped at random (seeded: the same every run); null when what is left is not valid.</summary>
    private static Findings? Thinned(Findings findings, int seed)
    {
        var random = new Random(seed);
        var values = new FindingValues();
        values.CopyFrom(findings.Values);
        foreach (var field in FindingsSchema.Fields.Where(f => f.IsFinding && values.Has(f)))
        {
            if (random.NextDouble() < DropChance)
            {
                values.Remove(field);
            }
        }

        return values.HasAnyFinding && FindingsCheck.All.All(check => check.Holds(values)) ? new Findings(values) : null;
    }

    private static CaseProbe Probe(string label, Findings findings)
    {
        var engine = RealRuleset.Engine;
        var values = findings.Values;
        var original = engine.Assess(findings);
        var parts = ActedOnParts.Of(original);
        var details = ActedOnParts.Details(original);
        var listed = original.Missing.Select(m => m.Field).ToHashSet(StringComparer.Ordinal);
        var probe = new CaseProbe(label, listed);
        var filled = new FindingValues();
        foreach (var field in FindingsSchema.Fields.Where(f => f.MissingKey is not null && !values.Has(f)))
        {
            if (KeyWhenAbsent(values, field) is not { } key)
            {
                continue;
            }

            probe.Probed.Add(key);
            foreach (var (raw, shown) in Fillings.Of(values, field))
            {
                filled.CopyFrom(values);
                filled.SetRaw(field, raw);
                var after = ActedOnParts.Of(engine.Assess(new Findings(filled)));
                probe.Assessed++;
                probe.Singles.Add((field, raw, key, after));
                if (after.SetEquals(parts))
                {
                    continue;
                }

                probe.Changed++;
                probe.Changing.Add(key);
                if (!listed.Contains(key) && !listed.Contains(field.MissingKey!))
                {
                    probe.Omissions.Add($"{label}: {field.Path} = {shown} changes [{ActedOnParts.Difference(parts, after)}], but missing [{string.Join(", ", listed)}] lacks {key}");
                    break; // One value per field is enough to show it.
                }
            }
        }

        foreach (var key in listed.Where(k => probe.Probed.Contains(k) && !probe.Changing.Contains(k)))
        {
            if (ChangesDetails(values, key, details))
            {
                probe.DetailOnly.Add(key);
            }
            else if (!MattersInAPair(probe, values, key))
            {
                probe.NotEvenInPairs.Add(key);
            }
        }

        return probe;
    }

    /// <summary>Whether filling a field of the key changes a caution, a risk category or a workup reason (parts of the answer a clinician reads, not acts on).</summary>
    private static bool ChangesDetails(FindingValues values, string key, HashSet<string> details)
    {
        var filled = new FindingValues();
        foreach (var field in FindingsSchema.Fields.Where(f => !values.Has(f) && KeyWhenAbsent(values, f) == key))
        {
            foreach (var (raw, _) in Fillings.Of(values, field))
            {
                filled.CopyFrom(values);
                filled.SetRaw(field, raw);
                if (!ActedOnParts.Details(RealRuleset.Engine.Assess(new Findings(filled))).SetEquals(details))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Whether a listed key that no single value changes matters once another listed field is filled: some value of
    /// the other field, then a value of the key's field, gives an answer that differs from the other field's alone.
    /// </summary>
    private static bool MattersInAPair(CaseProbe probe, FindingValues values, string key)
    {
        var fields = FindingsSchema.Fields.Where(f => !values.Has(f) && KeyWhenAbsent(values, f) == key).ToArray();
        var partner = new FindingValues();
        var pair = new FindingValues();
        foreach (var (other, otherRaw, otherKey, alone) in probe.Singles)
        {
            if (otherKey == key || !probe.Listed.Contains(otherKey))
            {
                continue;
            }

            partner.CopyFrom(values);
            partner.SetRaw(other, otherRaw);
            foreach (var field in fields)
            {
                foreach (var (raw, _) in Fillings.Of(partner, field))
                {
                    pair.CopyFrom(partner);
                    pair.SetRaw(field, raw);
                    probe.Assessed++;
                    if (!ActedOnParts.Of(RealRuleset.Engine.Assess(new Findings(pair))).SetEquals(alone))
                    {
                        return true;
                    }
                }
            }
        }

        return false;
    }

    /// <summary>
    /// The key the answer lists an absent field under: its own, or, for a finding read only when another is true
    /// (biopsy details) while that one is not, the other's (<c>biopsy</c>).
    /// </summary>
    private static string? KeyWhenAbsent(FindingValues values, FindingField field)
    {
        if (field.MissingKey is null || field.RequiresTrue is not { } gatePath)
        {
            return field.MissingKey;
        }

        var gate = FindingsSchema.Field(gatePath);
        if (values.Boolean(gate) == false)
        {
            return null; // No biopsy was done: its details cannot be filled (that "biopsy" is listed then is the table's row 9).
        }

        var open = values.Boolean(gate) == true || FindingsSchema.Fields.Any(f => f.ImpliesTrue == gatePath && values.Has(f));
        return open ? field.MissingKey : gate.MissingKey;
    }

    /// <summary>Writes the omissions by field and the listed fields no single value changed, by key, with one case each.</summary>
    private void Report(CaseProbe[] probes, List<string> omissions)
    {
        output.WriteLine($"{probes.Length} cases, {probes.Sum(p => p.Assessed)} fillings assessed, {probes.Sum(p => p.Changed)} changed the answer, {omissions.Count} omissions");
        foreach (var group in omissions.GroupBy(o => o.Split(": ")[1].Split(" = ")[0]).OrderByDescending(g => g.Count()))
        {
            output.WriteLine($"omitted {group.Key}: {group.Count()} cases, e.g. {group.First()}");
        }

        var overListed = probes.SelectMany(p => p.Listed.Where(k => p.Probed.Contains(k) && !p.Changing.Contains(k))
            .Select(k => (Key: k, p.Label, What: p.DetailOnly.Contains(k) ? "changes only cautions, a risk category or a reason"
                : p.NotEvenInPairs.Contains(k) ? "changes nothing, even with another listed field filled" : "changes something only with another listed field filled")));
        foreach (var group in overListed.GroupBy(o => (o.Key, o.What)).OrderBy(g => g.Key.What, StringComparer.Ordinal).ThenBy(g => g.Key.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"listed, no single value changes the answer ({group.Key.What}): {group.Key.Key} in {group.Count()} cases, e.g. {string.Join(", ", group.Take(6).Select(o => o.Label))}");
        }
    }
}
