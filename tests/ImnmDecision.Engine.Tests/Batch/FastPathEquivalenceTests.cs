using System.Text;
using System.Text.Json;
using ImnmDecision.Engine.Batch;
using ImnmDecision.Engine.Cases;
using ImnmDecision.Engine.Serialization;

namespace ImnmDecision.Engine.Tests.Batch;

/// <summary>
/// The batch's fast paths must give exactly the contract's answers: the plain-comparison validity check agrees
/// with <see cref="FindingsValidator"/>, and the direct JSON reader agrees with System.Text.Json (or hands over).
/// </summary>
public sealed class FastPathEquivalenceTests
{
    private static readonly FindingsValidator Validator = new();

    public static TheoryData<string> Boundaries() =>
    [
        "{}",
        """{"caseId":"x"}""",
        """{"comorbidities":{}}""",
        """{"comorbidities":{"diabetes":false}}""",
        """{"patient":{"ageYears":0}}""", """{"patient":{"ageYears":120}}""", """{"patient":{"ageYears":120.01}}""", """{"patient":{"ageYears":-0.5}}""",
        """{"patient":{"weightKg":1}}""", """{"patient":{"weightKg":0.99}}""", """{"patient":{"weightKg":400}}""", """{"patient":{"weightKg":400.5}}""",
        """{"patient":{"sex":"male","pregnant":true}}""", """{"patient":{"sex":"female","pregnant":true}}""", """{"patient":{"pregnant":true}}""",
        """{"ck":{"value":0}}""", """{"ck":{"value":-1}}""", """{"ck":{"upperLimitOfNormal":0}}""", """{"ck":{"upperLimitOfNormal":0.1}}""",
        """{"ck":{"unit":"ukat/L"}}""",
        """{"biopsy":{"performed":false,"pattern":"necrotizing"}}""", """{"biopsy":{"performed":false}}""", """{"biopsy":{"performed":false,"mhc1Diffuse":true}}""",
        """{"biopsy":{"pattern":"normal"}}""",
        """{"statin":{"drug":"atorvastatin"}}""", """{"statin":{"exposure":"never"}}""",
        """{"antibodies":{"otherMyositisSpecific":[]}}""",
        """{"clinical":{"myalgia":true}}""",
        "{\"caseId\":\"" + new string('c', 64) + "\",\"ck\":{\"value\":1}}",
        "{\"caseId\":\"" + new string('c', 65) + "\",\"ck\":{\"value\":1}}",
        "{\"statin\":{\"exposure\":\"past\",\"drug\":\"" + new string('d', 65) + "\"}}",
    ];

    [Theory]
    [MemberData(nameof(Boundaries))]
    public void Precheck_Boundary_AgreesWithTheValidator(string json)
    {
        var findings = JsonSerializer.Deserialize<Findings>(json, ImnmJson.Options)!;

        FindingsPrecheck.IsValid(findings).Should().Be(Validator.Validate(findings).IsValid);
    }

    [Fact]
    public void Precheck_GeneratedCohortWithDefects_AgreesWithTheValidatorOnEveryCase()
    {
        foreach (var line in BatchHarness.Generate(BatchFormat.Ndjson, 5000, seed: 3, invalidFraction: 0.3).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (FindingsJson.TryParse(Encoding.UTF8.GetBytes(line), out var findings, out _))
            {
                FindingsPrecheck.IsValid(findings).Should().Be(Validator.Validate(findings).IsValid, line);
            }
        }
    }

    [Fact]
    public void Errors_RandomCases_AreTheValidatorsOwn()
    {
        // A batch answers with the broken checks' own texts and never runs the validator: they must be what the
        // validator says, path for path and message for message, and they are kept per set of broken checks,
        // which is exact only when the set decides them (an unknown antibody's error names its element).
        var random = new Random(17);
        var elementCheck = 1u << FindingsCheck.All.IndexOf(FindingsCheck.OtherMyositisSpecific);
        var errorsByBroken = new Dictionary<uint, string>();
        for (var i = 0; i < 20_000; i++)
        {
            var values = RandomValues(random);
            var broken = FindingsPrecheck.Broken(values);
            var direct = Describe(Validate(values.ToFindings()));

            (broken == 0).Should().Be(direct.Length == 0, direct);
            Describe(BatchValidation.Errors(values)).Should().Be(direct);
            if ((broken & elementCheck) != 0)
            {
                continue;
            }

            if (errorsByBroken.TryGetValue(broken, out var first))
            {
                direct.Should().Be(first, $"rules {broken:b} are broken in both");
            }
            else
            {
                errorsByBroken[broken] = direct;
            }
        }

        errorsByBroken.Count.Should().BeGreaterThan(100, "the random cases must break many different sets of rules");
    }

    [Fact]
    public void Errors_UnknownAntibodies_NameEachElementAsTheValidatorDoes()
    {
        var values = new FindingValues
        {
            CkValue = 1000,
            OtherMyositisSpecific = [(MyositisAntibody)98, MyositisAntibody.Jo1, (MyositisAntibody)99],
        };
        var again = values with { OtherMyositisSpecific = [MyositisAntibody.Jo1, (MyositisAntibody)99] };

        Describe(BatchValidation.Errors(values)).Should().Be(Describe(Validate(values.ToFindings())));
        BatchValidation.Errors(values)!.Keys.Should().Equal("antibodies.otherMyositisSpecific[0]", "antibodies.otherMyositisSpecific[2]");
        BatchValidation.Errors(again)!.Keys.Should().Equal("antibodies.otherMyositisSpecific[1]");
    }

    [Fact]
    public void Checks_AreTheValidatorsRulesInOrder()
    {
        var messages = Validator.CreateDescriptor().Rules.SelectMany(rule => rule.Components.Select(component => component.GetUnformattedErrorMessage()));

        messages.Should().Equal(FindingsCheck.All.Select(check => check.Message), "the validator names its rules after the checks, in their order");
    }

    /// <summary>The validator's errors as the single-case endpoint groups them: by path, each message once.</summary>
    private static Dictionary<string, string[]> Validate(Findings findings) =>
        Validator.Validate(findings).Errors
            .GroupBy(e => e.PropertyName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

    private static string Describe(IReadOnlyDictionary<string, string[]>? errors) =>
        errors is null ? string.Empty : string.Join(" | ", errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}"));

    private static FindingValues RandomValues(Random random)
    {
        T? Maybe<T>(Func<T> value)
            where T : struct => random.Next(5) < 2 ? null : value();
        double? Number(params double[] choices) => Maybe(() => choices[random.Next(choices.Length)]);
        TEnum? Enum<TEnum>()
            where TEnum : struct, Enum => Maybe(() => (TEnum)(object)random.Next(-1, System.Enum.GetValues<TEnum>().Length + 1));
        bool? Flag() => Maybe(() => random.Next(2) == 1);
        string? Text(int length) => random.Next(3) switch { 0 => null, 1 => "x", _ => new string('x', length) };

        return new FindingValues
        {
            CaseId = Text(65),
            AgeYears = Number(-0.5, 0, 40, 120, 120.5, double.NaN),
            Sex = Enum<Sex>(),
            WeightKg = Number(0.5, 1, 70, 400, 401),
            Pregnant = Flag(),
            CkValue = Number(-1, 0, 1500, double.PositiveInfinity),
            CkUnit = Enum<CkUnit>(),
            CkUpperLimitOfNormal = Number(-1, 0, 0.1, 200, double.NaN),
            Hmgcr = Enum<AntibodyResult>(),
            Srp = Enum<AntibodyResult>(),
            OtherMyositisSpecific = random.Next(4) switch
            {
                0 => null,
                1 => [],
                2 => [MyositisAntibody.Jo1],
                _ => random.Next(3) switch
                {
                    0 => [MyositisAntibody.Jo1, (MyositisAntibody)99],
                    1 => [(MyositisAntibody)98, MyositisAntibody.Jo1],
                    _ => [(MyositisAntibody)98, (MyositisAntibody)99],
                },
            },
            BiopsyPerformed = Flag(),
            BiopsyPattern = Enum<BiopsyPattern>(),
            Mhc1Diffuse = Flag(),
            SarcolemmalMac = Flag(),
            StatinExposure = Enum<StatinExposure>(),
            StatinDrug = Text(65),
            ProximalWeakness = Enum<WeaknessGrade>(),
            Onset = Enum<Onset>(),
            Dysphagia = Flag(),
            Rash = random.Next(8) == 0 ? true : null,
            Diabetes = random.Next(8) == 0 ? false : null,
        };
    }

    /// <summary>
    /// A tripwire: the precheck mirrors each rule of <see cref="FindingsValidator"/>. When a rule is added or removed
    /// there, mirror it in <see cref="FindingsPrecheck"/> and its boundary cases above, then update this count.
    /// </summary>
    [Fact]
    public void Validator_RuleCount_IsTheOneThePrecheckMirrors()
    {
        var descriptor = Validator.CreateDescriptor();

        descriptor.Rules.Sum(rule => rule.Components.Count()).Should().Be(18, "FindingsPrecheck mirrors 18 validator checks; mirror any change");
    }

    public static TheoryData<string> Shapes() =>
    [
        """{"caseId":"a","ck":{"value":1e3,"unit":"U/L"}}""",
        """{"ck":{"value":1,"value":2}}""",
        """{"ck":null,"patient":{"sex":null}}""",
        """{"antibodies":{"hmgcr":"Positive"}}""",
        """{"antibodies":{"hmgcr":"positive","otherMyositisSpecific":["jo1","jo1"]}}""",
        """{"antibodies":{"otherMyositisSpecific":["pm-scl","mi2"]}}""",
        """{"caseId":"caf\u00e9 \"1\"","statin":{"drug":"simva\nstatin"}}""",
        """{"\u0063k":{"value":3}}""",
        """{"clinical":{"rash":1}}""",
        """{"patient":{"ageYears":50},"patient":{"weightKg":70}}""",
        """ {"ck":{"value":3}} """,
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void FastParser_AnyShape_GivesWhatSystemTextJsonGivesOrHandsOver(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        Findings? expected = null;
        try
        {
            expected = JsonSerializer.Deserialize<Findings>(bytes, ImnmJson.Options);
        }
        catch (JsonException)
        {
            // System.Text.Json refuses it: the fast reader must hand it over.
        }

        if (FastFindingsParser.TryParse(bytes, new AntibodyLists(), out var fast))
        {
            expected.Should().NotBeNull();
            Normalize(fast.ToFindings()).Should().BeEquivalentTo(Normalize(expected!));
        }
    }

    [Fact]
    public void FastParser_GeneratedCohort_ReadsEveryValidCaseAsSystemTextJsonDoes()
    {
        var lists = new AntibodyLists();
        var fastCount = 0;
        foreach (var line in BatchHarness.Generate(BatchFormat.Ndjson, 3000, seed: 5, invalidFraction: 0.1).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var bytes = Encoding.UTF8.GetBytes(line);
            Findings? expected = null;
            try
            {
                expected = JsonSerializer.Deserialize<Findings>(bytes, ImnmJson.Options);
            }
            catch (JsonException)
            {
            }

            if (FastFindingsParser.TryParse(bytes, lists, out var fast))
            {
                fastCount++;
                Normalize(fast.ToFindings()).Should().BeEquivalentTo(Normalize(expected!), line);
            }
            else
            {
                expected.Should().BeNull("the generated valid shapes are all read by the fast path: {0}", line);
            }
        }

        fastCount.Should().BeGreaterThan(2500);
    }

    /// <summary>An empty section and an absent one mean the same (every field unknown); compare the findings with that folded.</summary>
    private static Findings Normalize(Findings f) => f with
    {
        Patient = f.Patient == new PatientFindings() ? null : f.Patient,
        Ck = f.Ck == new CkFindings() ? null : f.Ck,
        Antibodies = f.Antibodies is { Hmgcr: null, Srp: null, OtherMyositisSpecific: null } ? null
            : f.Antibodies is { } a ? a with { OtherMyositisSpecific = a.OtherMyositisSpecific?.Order().ToArray() } : null,
        Biopsy = f.Biopsy == new BiopsyFindings() ? null : f.Biopsy,
        Statin = f.Statin == new StatinFindings() ? null : f.Statin,
        Clinical = f.Clinical == new ClinicalFindings() ? null : f.Clinical,
        Comorbidities = f.Comorbidities == new ComorbidityFindings() ? null : f.Comorbidities,
    };
}
