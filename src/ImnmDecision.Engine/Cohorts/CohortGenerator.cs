using System.Globalization;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cases;

namespace ImnmDecision.Engine.Cohorts;

/// <summary>
/// Generates a synthetic, anonymized cohort for measurements and demonstrations: the same seed gives the same
/// cases, byte for byte. The mix follows the presentations of a myositis clinic (anti-HMGCR with and without
/// statins, anti-SRP, seronegative, other myositis antibodies, biopsies that point away, statin myopathy,
/// normal CK, incomplete workups), with realistic gaps (empty cells) and a fraction of deliberately invalid
/// rows. The cases are drawn from these patterns only; which subtype each gets is the ruleset's decision.
/// </summary>
public sealed class CohortGenerator
{
    private static readonly string[] Statins = ["atorvastatin", "simvastatin", "rosuvastatin", "pravastatin"];
    private static readonly string[] OtherAntibodies = ["jo1", "pl7", "pl12", "ej", "oj", "mi2", "tif1g", "nxp2", "mda5", "sae", "cn1a", "pm-scl", "ku"];
    private static readonly string[] AssociatedAntibodies = ["ro52", "ro52", "ro52", "pm-scl", "ku", "u1rnp"];
    private static readonly string[] AwayPatterns = ["perifascicular", "rimmed-vacuoles", "dystrophic", "neurogenic", "inflammatory-endomysial"];

    private static readonly (Pattern Pattern, int Weight)[] Mix =
    [
        (Pattern.HmgcrStatinExposed, 20),
        (Pattern.HmgcrStatinNaive, 7),
        (Pattern.HmgcrStatinUnknown, 3),
        (Pattern.Srp, 12),
        (Pattern.Seronegative, 8),
        (Pattern.Conflicting, 2),
        (Pattern.OtherAntibody, 8),
        (Pattern.BiopsyPointsAway, 7),
        (Pattern.StatinMyopathy, 6),
        (Pattern.NormalCk, 9),
        (Pattern.Incomplete, 18),
    ];

    private static readonly int TotalWeight = Mix.Sum(m => m.Weight);

    /// <summary>The fields the presentations shape; every other field of the schema is drawn by <see cref="Unshaped"/>.</summary>
    private static readonly HashSet<string> Shaped = new(StringComparer.Ordinal)
    {
        "caseId", "patient.ageYears", "patient.sex", "patient.weightKg", "patient.heightCm", "patient.pregnant", "ck.value", "ck.unit",
        "ck.upperLimitOfNormal", "antibodies.hmgcr", "antibodies.srp", "antibodies.otherMyositisSpecific", "biopsy.performed",
        "biopsy.pattern", "biopsy.mhc1Diffuse", "biopsy.sarcolemmalMac", "statin.exposure", "statin.drug",
        "clinical.proximalWeakness", "clinical.onset", "clinical.dysphagia", "clinical.respiratoryWeakness",
        "clinical.cardiacSymptoms", "clinical.rash", "clinical.myalgia", "comorbidities.knownMalignancy",
        "comorbidities.interstitialLungDisease", "comorbidities.renalImpairment", "comorbidities.hepaticImpairment",
        "comorbidities.diabetes", "comorbidities.thromboembolicRisk", "antibodies.myositisAssociated", "statin.stoppedWeeksAgo",
        "exposures.immuneCheckpointInhibitor",
    };

    private static readonly FindingField[] UnshapedFields = [.. FindingsSchema.Fields.Where(f =>
        !Shaped.Contains(f.Path) && f.Kind != FindingKind.Text && f.RequiresTrue is null
        && !FindingsSchema.Relations.Any(r => r.Reads == f.Path || r.AlsoReads == f.Path))];

    private readonly Random random;
    private readonly Random other;
    private readonly double invalidFraction;
    private long next;

    /// <summary>Creates a generator; <paramref name="invalidFraction"/> of the rows (0 to 1) carry a deliberate defect.</summary>
    public CohortGenerator(int seed, double invalidFraction = 0.01)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(invalidFraction, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(invalidFraction, 1);
        random = new Random(seed);
        other = new Random(unchecked(seed * 31) + 7);
        this.invalidFraction = invalidFraction;
    }

    private enum Pattern
    {
        HmgcrStatinExposed,
        HmgcrStatinNaive,
        HmgcrStatinUnknown,
        Srp,
        Seronegative,
        Conflicting,
        OtherAntibody,
        BiopsyPointsAway,
        StatinMyopathy,
        NormalCk,
        Incomplete,
    }

    /// <summary>The columns of <see cref="Next"/>'s cells: <see cref="CsvColumns.All"/> (the findings schema's fields).</summary>
    public static IReadOnlyList<string> Columns => CsvColumns.All;

    /// <summary>
    /// Fills <paramref name="cells"/> (one per column of <see cref="Columns"/>; null is an empty cell) with the
    /// next case, as the CSV cells or JSON values a researcher would send, and says which defect it carries.
    /// </summary>
    public CohortDefect Next(string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        ArgumentOutOfRangeException.ThrowIfLessThan(cells.Length, CsvColumns.All.Count);
        Array.Clear(cells);
        next++;
        Set(cells, "caseId", string.Create(CultureInfo.InvariantCulture, $"case-{next:D7}"));
        var pattern = Draw();
        Patient(cells, pattern);
        Clinical(cells, pattern);
        Comorbidities(cells);
        Presentation(cells, pattern);
        Unshaped(cells);
        Additions(cells);
        return random.NextDouble() < invalidFraction ? Corrupt(cells) : CohortDefect.None;
    }

    private Pattern Draw()
    {
        var ticket = random.Next(TotalWeight);
        foreach (var (pattern, weight) in Mix)
        {
            if (ticket < weight)
            {
                return pattern;
            }

            ticket -= weight;
        }

        return Pattern.Incomplete;
    }

    private void Patient(string?[] cells, Pattern pattern)
    {
        // Anti-HMGCR without statins is over-represented in the young; the rest are mostly over 50. About one case
        // in twenty is a child (juvenile myositis clinics share the same antibody panels).
        var child = Chance(0.05);
        var age = child ? random.Next(2, 18)
            : pattern == Pattern.HmgcrStatinNaive && Chance(0.4) ? random.Next(16, 30) : (int)Math.Clamp(Normal(61, 13), 18, 95);
        var sexRoll = random.NextDouble();
        var sex = sexRoll < 0.5 ? "male" : sexRoll < 0.97 ? "female" : sexRoll < 0.985 ? "other" : "unknown";
        Set(cells, "patient.ageYears", Chance(0.97) ? Text(age) : null);
        Set(cells, "patient.sex", Chance(0.98) ? sex : null);
        var (weight, height) = age < 18 ? ChildBody(age) : AdultBody(sex == "male");
        Set(cells, "patient.weightKg", Chance(0.85) ? Text(weight) : null);
        Set(cells, "patient.heightCm", Chance(0.6) ? Text(height) : null);
        if (sex == "female" && age is >= 14 and < 45)
        {
            Set(cells, "patient.pregnant", Chance(0.08) ? "true" : Chance(0.8) ? "false" : null);
        }
        else if (Chance(0.5))
        {
            Set(cells, "patient.pregnant", "false");
        }
    }

    /// <summary>Adult weight (a heavy tail, for adjusted body weight) and height.</summary>
    private (double WeightKg, double HeightCm) AdultBody(bool male)
    {
        var weight = Math.Round(Math.Clamp(Normal(male ? 84 : 70, 14) + (Chance(0.1) ? 40 : 0), 40, 220), 1);
        var height = Math.Round(Math.Clamp(Normal(male ? 176 : 163, 7), 140, 205));
        return (weight, height);
    }

    /// <summary>A child's weight and height, growing with age.</summary>
    private (double WeightKg, double HeightCm) ChildBody(int age)
    {
        var height = Math.Round(Math.Clamp(Normal(Math.Min(80 + (6.3 * age), 172), 6), 80, 195));
        var weight = Math.Round(Math.Clamp(Normal(age < 13 ? (2.6 * age) + 7 : (4.5 * age) - 15, 2 + (0.6 * age)), 10, 130), 1);
        return (weight, height);
    }

    private void Clinical(string?[] cells, Pattern pattern)
    {
        var imnm = pattern is Pattern.HmgcrStatinExposed or Pattern.HmgcrStatinNaive or Pattern.HmgcrStatinUnknown
            or Pattern.Srp or Pattern.Seronegative or Pattern.Conflicting;
        string weakness = pattern switch
        {
            Pattern.NormalCk => "none",
            Pattern.StatinMyopathy => Pick("none", "mild", "mild"),
            Pattern.Srp => Pick("moderate", "severe", "severe"),
            _ when imnm => Pick("mild", "moderate", "moderate", "severe"),
            _ => Pick("none", "mild", "moderate", "severe"),
        };
        Set(cells, "clinical.proximalWeakness", Chance(0.92) ? weakness : null);
        var onset = pattern switch
        {
            Pattern.HmgcrStatinNaive when Chance(0.35) => "chronic",
            Pattern.Srp => Pick("acute", "subacute", "subacute"),
            Pattern.BiopsyPointsAway => Pick("subacute", "chronic", "chronic"),
            _ => Pick("acute", "subacute", "subacute", "subacute", "chronic"),
        };
        Set(cells, "clinical.onset", weakness != "none" && Chance(0.9) ? onset : null);
        var severe = weakness == "severe";
        Flag(cells, "clinical.dysphagia", pattern == Pattern.Srp || severe ? 0.3 : 0.05);
        Flag(cells, "clinical.respiratoryWeakness", pattern == Pattern.Srp || severe ? 0.1 : 0.02);
        Flag(cells, "clinical.cardiacSymptoms", pattern == Pattern.Srp ? 0.15 : 0.03);
        Flag(cells, "clinical.rash", pattern == Pattern.OtherAntibody ? 0.5 : 0.03);
        Flag(cells, "clinical.myalgia", 0.5);
    }

    private void Comorbidities(string?[] cells)
    {
        Flag(cells, "comorbidities.knownMalignancy", 0.06);
        Flag(cells, "comorbidities.interstitialLungDisease", 0.05);
        Flag(cells, "comorbidities.renalImpairment", 0.08);
        Flag(cells, "comorbidities.hepaticImpairment", 0.04);
        Flag(cells, "comorbidities.diabetes", 0.18);
        Flag(cells, "comorbidities.thromboembolicRisk", 0.07);
    }

    private void Presentation(string?[] cells, Pattern pattern)
    {
        var female = cells[Column("patient.sex")] == "female";
        var timesUln = pattern switch
        {
            Pattern.NormalCk => 0.3 + (random.NextDouble() * 0.65),
            Pattern.StatinMyopathy => 1.5 + (random.NextDouble() * 7),
            Pattern.BiopsyPointsAway or Pattern.OtherAntibody => 1 + (random.NextDouble() * 15),
            Pattern.Incomplete => 0.8 + (random.NextDouble() * 40),
            _ => 8 + (random.NextDouble() * 60),
        };
        Ck(cells, timesUln, female);

        var (hmgcr, srp) = pattern switch
        {
            Pattern.HmgcrStatinExposed or Pattern.HmgcrStatinNaive or Pattern.HmgcrStatinUnknown => ("positive", Chance(0.85) ? "negative" : null),
            Pattern.Srp => (Chance(0.9) ? "negative" : null, "positive"),
            Pattern.Conflicting => Chance(0.6) ? ("positive", "positive") : Chance(0.5) ? ("positive", "negative") : ("negative", "positive"),
            Pattern.StatinMyopathy => ("negative", Chance(0.7) ? "negative" : null),
            Pattern.NormalCk => Chance(0.6) ? ("negative", "negative") : (null, null),
            Pattern.Incomplete => Pick4(("not-tested", "not-tested"), ("equivocal", "negative"), (null, null), ("negative", "negative")),
            _ => ("negative", "negative"),
        };
        Set(cells, "antibodies.hmgcr", hmgcr);
        Set(cells, "antibodies.srp", srp);

        var other = pattern switch
        {
            Pattern.OtherAntibody => OtherAntibodies[random.Next(OtherAntibodies.Length)],
            Pattern.Conflicting when cells[Column("antibodies.srp")] != "positive" || cells[Column("antibodies.hmgcr")] != "positive" => Pick("jo1", "pl7", "mi2"),
            _ => Chance(0.5) ? CsvColumns.NoneToken : null,
        };
        Set(cells, "antibodies.otherMyositisSpecific", other);

        var exposure = pattern switch
        {
            Pattern.HmgcrStatinExposed => Chance(0.75) ? "current" : "past",
            Pattern.HmgcrStatinNaive => "never",
            Pattern.HmgcrStatinUnknown => Chance(0.5) ? "unknown" : null,
            Pattern.StatinMyopathy => "current",
            _ => Pick("current", "past", "never", "never", "never"),
        };
        Set(cells, "statin.exposure", Chance(0.97) || pattern == Pattern.StatinMyopathy ? exposure : null);
        if (exposure is "current" or "past" && Chance(0.8))
        {
            Set(cells, "statin.drug", Statins[random.Next(Statins.Length)]);
        }

        Biopsy(cells, pattern);
    }

    private void Ck(string?[] cells, double timesUln, bool female)
    {
        var uln = female ? random.Next(150, 201) : random.Next(190, 301);
        var ukat = Chance(0.05);
        var value = timesUln * uln;
        Set(cells, "ck.value", Chance(0.96) ? Text(ukat ? Math.Round(value / 60, 2) : Math.Round(value)) : null);
        Set(cells, "ck.unit", ukat ? "ukat/L" : Chance(0.95) ? "U/L" : null);
        Set(cells, "ck.upperLimitOfNormal", Chance(0.88) ? Text(ukat ? Math.Round(uln / 60.0, 2) : uln) : null);
    }

    private void Biopsy(string?[] cells, Pattern pattern)
    {
        string? biopsyPattern = pattern switch
        {
            Pattern.Seronegative => "necrotizing",
            Pattern.BiopsyPointsAway => AwayPatterns[random.Next(AwayPatterns.Length)],
            Pattern.HmgcrStatinExposed or Pattern.HmgcrStatinNaive or Pattern.HmgcrStatinUnknown or Pattern.Srp => Chance(0.55) ? "necrotizing" : null,
            Pattern.NormalCk => Chance(0.1) ? "normal" : null,
            Pattern.Incomplete => Chance(0.2) ? "nonspecific" : null,
            _ => null,
        };
        if (biopsyPattern is null)
        {
            Set(cells, "biopsy.performed", Chance(0.6) ? "false" : null);
            return;
        }

        Set(cells, "biopsy.performed", "true");
        Set(cells, "biopsy.pattern", biopsyPattern);
        var necrotizing = biopsyPattern == "necrotizing";
        Set(cells, "biopsy.mhc1Diffuse", Chance(0.7) ? Bool(necrotizing ? Chance(0.4) : Chance(0.6)) : null);
        Set(cells, "biopsy.sarcolemmalMac", Chance(0.6) ? Bool(necrotizing ? Chance(0.8) : Chance(0.1)) : null);
    }

    private CohortDefect Corrupt(string?[] cells)
    {
        var defect = (CohortDefect)random.Next(1, Enum.GetValues<CohortDefect>().Length);
        switch (defect)
        {
            case CohortDefect.AgeOutOfRange:
                Set(cells, "patient.ageYears", Text(random.Next(121, 200)));
                break;
            case CohortDefect.NegativeCk:
                Set(cells, "ck.value", Text(-random.Next(1, 500)));
                break;
            case CohortDefect.PregnantMale:
                Set(cells, "patient.sex", "male");
                Set(cells, "patient.pregnant", "true");
                break;
            case CohortDefect.UnknownValue:
                Set(cells, "antibodies.hmgcr", "postive");
                break;
            case CohortDefect.BadNumber:
                Set(cells, "ck.value", "1234,5");
                break;
            case CohortDefect.EmptyCase:
                var caseId = cells[Column("caseId")];
                Array.Clear(cells);
                Set(cells, "caseId", caseId);
                break;
            default:
                break; // BrokenRow: the writer breaks the row in its own format.
        }

        return defect;
    }

    /// <summary>The cell index of a column (its field's place in the schema).</summary>
    private static int Column(string path) => FindingsSchema.Field(path).Index;

    private static void Set(string?[] cells, string path, string? value) => cells[Column(path)] = value;

    private void Flag(string?[] cells, string path, double probability) =>
        Set(cells, path, Chance(0.85) ? Bool(Chance(probability)) : null);

    /// <summary>
    /// Values for the fields the presentations above do not shape (findings added to the schema since), drawn by
    /// kind from their own random sequence, so the shaped cells stay the same for a seed: about a third unknown.
    /// Fields that a two-field check reads are left empty, so the drawn values never make a row invalid.
    /// </summary>
    private void Unshaped(string?[] cells)
    {
        foreach (var field in UnshapedFields)
        {
            if (other.NextDouble() < 0.35)
            {
                continue;
            }

            cells[field.Index] = field.Kind switch
            {
                FindingKind.Boolean => Bool(other.NextDouble() < 0.2),
                FindingKind.Number => Text(Math.Round(Draw(field.Minimum ?? 0, field.Maximum ?? ((field.Minimum ?? 0) + 1000)), 1)),
                FindingKind.Choice => field.Choices[other.Next(field.Choices.Count)],
                _ => other.NextDouble() < 0.6 ? CsvColumns.NoneToken : field.Choices[other.Next(field.Choices.Count)],
            };
        }
    }

    /// <summary>
    /// The 2027.1 findings, drawn from the second random sequence (so the cells shaped before them stay the same for
    /// a seed): myositis-associated antibodies (Ro52 the commonest), weeks since a past statin was stopped, and a rare
    /// checkpoint inhibitor.
    /// </summary>
    private void Additions(string?[] cells)
    {
        var associated = other.NextDouble();
        Set(cells, "antibodies.myositisAssociated", associated < 0.12 ? AssociatedAntibodies[other.Next(AssociatedAntibodies.Length)] : associated < 0.5 ? CsvColumns.NoneToken : null);
        if (cells[Column("statin.exposure")] == "past" && other.NextDouble() < 0.7)
        {
            Set(cells, "statin.stoppedWeeksAgo", Text(other.Next(0, 261)));
        }

        var checkpoint = other.NextDouble();
        Set(cells, "exposures.immuneCheckpointInhibitor", checkpoint < 0.02 ? "true" : checkpoint < 0.6 ? "false" : null);
    }

    private double Draw(double min, double max) => min + (other.NextDouble() * (max - min));

    private bool Chance(double probability) => random.NextDouble() < probability;

    private string Pick(params string[] values) => values[random.Next(values.Length)];

    private (string?, string?) Pick4((string?, string?) a, (string?, string?) b, (string?, string?) c, (string?, string?) d) =>
        random.Next(4) switch { 0 => a, 1 => b, 2 => c, _ => d };

    private double Normal(double mean, double deviation)
    {
        // Box-Muller; 1 - NextDouble() keeps the logarithm finite.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return mean + (deviation * Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2));
    }

    private static string Bool(bool value) => value ? "true" : "false";

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);
}
