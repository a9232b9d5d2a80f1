using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImnmDecision.Api.Tests.CdsHooks.Support;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Dates sent in query strings (the summaries' <c>from</c> and <c>to</c>) and in CDS feedback
/// (<c>outcomeTimestamp</c>): ISO 8601 only, as the contract says, never a culture's guess (<c>1/2</c> read as
/// 2 January), and never a 500 at the ends of the calendar. 600 seeded date spellings per run (FUZZ_SEED).
/// </summary>
public sealed partial class FuzzDateTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 14;

    private static readonly string[] Valid =
    [
        "2026-01-01", "2026-01-01T10:00:00Z", "2026-01-01T10:00:00+01:00", "2026-01-01T10:00:00.1234567Z", "2026-01-01T10:00Z",
        "0001-01-01", "9999-12-31", "0001-01-01T00:00:00Z", "9999-12-30T23:59:59Z", "2024-02-29T23:59:59-05:00",
    ];

    private static readonly string[] Hostile =
    [
        "1", "1/2", "1,2", "12", "2026", "Tuesday", "1/2/2026", "2026/01/01", "01-02-2026", "2026-1-1", " 2026-01-01", "2026-01-01 ",
        "2026-01-01 10:00", "20260101", "2026-W01", "2026-001", "2026-02-30", "2026-13-01", "2026-01-01T24:00:01Z", "2026-01-01T10:00:00+99:00",
        "2026-01-01T10:00:00.12345678901Z", "-2026-01-01", "+2026-01-01", "2026-01-01T10:00:00z", "1 Jan 2026", "Jan 1, 2026", "0x7E9",
        "2026-01-01T10:00:00+14:01", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00", "2026-01-01\u00002", "２０２６-01-01", string.Empty,
    ];

    private readonly HttpClient client = factory.CreateClient();

    [Theory]
    [InlineData("from=1/2")]
    [InlineData("from=1,2")]
    [InlineData("to=Jan%201,%202026")]
    [InlineData("from=%202026-01-01")]
    [InlineData("from=2026-01-01&from=2026-02-01")]
    public async Task Summaries_DateThatIsNotIso8601_Is400NamingTheParameter(string query)
    {
        foreach (var path in new[] { "/api/v1/audit/summary", "/api/v1/feedback/summary" })
        {
            using var response = await client.GetAsync(new Uri($"{path}?{query}", UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, "{0}?{1} answered {2}", path, query, text);
            response.Content.Headers.ContentType?.MediaType.Should().Be("application/problem+json");
            JsonNode.Parse(text)!["errors"]!.AsObject().Select(e => e.Key).Should().ContainSingle().Which.Should().Be(query[..query.IndexOf('=', StringComparison.Ordinal)]);
        }
    }

    [Theory]
    [InlineData("to=0001-01-01T00:00:01Z")]
    [InlineData("to=0001-01-20")]
    public async Task Summaries_EndWithinTheDefaultRangeOfTheFirstDate_AnswersNot500(string query)
    {
        foreach (var path in new[] { "/api/v1/audit/summary", "/api/v1/feedback/summary" })
        {
            using var response = await client.GetAsync(new Uri($"{path}?{query}", UriKind.Relative));

            response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("1/2/2026")]
    [InlineData("Jan 1, 2026 10:00")]
    [InlineData(" 2026-01-01T10:00:00Z")]
    public async Task Feedback_TimestampThatIsNotIso8601_IsRefused(string stamp)
    {
        var body = $$"""{ "feedback": [ { "card": "8d7d3c53-2a77-4a4e-9d9e-0f5b3c1f0a11", "outcome": "overridden", "outcomeTimestamp": "{{stamp}}" } ] }""";

        using var response = await client.PostJsonAsync("/cds-services/imnm-assessment/feedback", body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).Should().Contain("outcomeTimestamp").And.Contain("OperationOutcome");
    }

    [Fact]
    public async Task Fuzz_SummaryDates_600Requests()
    {
        var random = new Random(Seed);
        var failures = new List<string>();
        for (var i = 0; i < 600; i++)
        {
            var from = Spelling(random);
            var to = random.Next(3) == 0 ? null : Spelling(random);
            var path = random.Next(2) == 0 ? "/api/v1/audit/summary" : "/api/v1/feedback/summary";
            var query = $"{path}?from={Uri.EscapeDataString(from)}" + (to is null ? string.Empty : $"&to={Uri.EscapeDataString(to)}");
            using var response = await client.GetAsync(new Uri(query, UriKind.Relative));
            var text = await response.Content.ReadAsStringAsync();
            var iso = IsIso(from) && (to is null || IsIso(to));
            var ok = (int)response.StatusCode switch
            {
                200 => iso,
                400 => response.Content.Headers.ContentType?.MediaType == "application/problem+json" && !text.Contains("ZQ", StringComparison.Ordinal),
                _ => false,
            };
            if (!ok)
            {
                failures.Add($"FUZZ_SEED={Seed} case {i}: {query} answered {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}");
            }
        }

        FuzzSchemaTests.Report(failures, $"seed {Seed}");
    }

    private static string Spelling(Random random) => random.Next(4) switch
    {
        0 => Valid[random.Next(Valid.Length)],
        1 => Hostile[random.Next(Hostile.Length)],
        2 => Mutate(Valid[random.Next(Valid.Length)], random),
        _ => $"{random.Next(0, 10_000):D4}-{random.Next(0, 14):D2}-{random.Next(0, 33):D2}" + (random.Next(2) == 0 ? string.Empty : $"T{random.Next(0, 26):D2}:{random.Next(0, 61):D2}:00Z"),
    };

    private static string Mutate(string text, Random random)
    {
        var at = random.Next(text.Length);
        return random.Next(4) switch
        {
            0 => text.Remove(at, 1),
            1 => text.Insert(at, "ZQ /,.:+-T"[random.Next(10)].ToString()),
            2 => text[..at] + "0123456789"[random.Next(10)] + text[(at + 1)..],
            _ => text + "ZQ",
        };
    }

    /// <summary>Whether the text is an ISO 8601 date or date-time the calendar holds, with its offset inside the calendar too.</summary>
    private static bool IsIso(string text) =>
        IsoShape().IsMatch(text)
        && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out _);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?(Z|[+-]\d{2}:\d{2})?)?$")]
    private static partial Regex IsoShape();
}
