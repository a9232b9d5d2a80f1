using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Fuzzes the service over a real socket (Kestrel on 127.0.0.1), as an outside tool would: pipelined sequences of
/// up to five requests on one connection, every route with every method, paths spelled oddly, odd and repeated
/// headers (Accept, Content-Type, X-Ruleset-Version, Expect, Transfer-Encoding), bodies from the contract's
/// generator, a Content-Length short of the body on the last request. Oracles: no 5xx; what the application answers with an
/// error is a problem document (or an OperationOutcome on the CDS door), and only Kestrel's own refusals are
/// empty; a request value never comes back in a response header or body; every /api/v1 answer carries the
/// ruleset header; the service answers its liveness probe at the end and logged no error nor any value sent.
/// 150 connections per run (FUZZ_SEED).
/// </summary>
public sealed class FuzzWireTests
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 14;

    private static readonly string[] Paths =
    [
        "/api/v1/assessments", "/api/v1/assessments/batch", "/api/v1/ruleset", "/api/v1/rules", "/api/v1/rules/alert.extreme-ck", "/api/v1/rules/%00x",
        "/api/v1/citations", "/api/v1/citations/enmc-2018", "/api/v1/feedback/summary?from=1/2", "/api/v1/audit/summary?to=0001-01-01", "/cds-services",
        "/cds-services/imnm-assessment", "/cds-services/imnm-assessment/feedback", "/cds-services/nope", "/health/live", "/health/ready", "/",
        "/API/V1/ASSESSMENTS/", "//api//v1//assessments", "/api/v1/assessments?rulesetVersion=x%0d%0aX-Injected:%201", "/api/v1/assessments/batch?rawCsv=maybe",
        "/api/v1/%2e%2e/v1/ruleset", "/api/v1/assessments;x", "/swagger/v1/swagger.json",
    ];

    private static readonly string[] Methods = ["POST", "POST", "POST", "GET", "GET", "PUT", "DELETE", "PATCH", "OPTIONS", "FOO"];

    private static readonly string[] ContentTypes =
    [
        "application/json", "application/json; charset=utf-8", "application/x-ndjson", "text/csv", "text/plain", "application/json; charset=latin1",
        "application/json;;;", "multipart/form-data; boundary=x", "application/fhir+json", "APPLICATION/JSON; CHARSET=\"UTF-8\"",
    ];

    private static readonly string[] Accepts = ["*/*", "application/json", "text/markdown", "text/html", "text/csv", "application/x-ndjson", "image/png", "text/*;q=0", ",,", "application/json;q=abc"];

    private static readonly string[] RulesetPins = ["x", Mutator.Sentinel, new('v', 3000), "imnm-core@0.0.0+000000000000", "a, b", "\t"];

    [Fact]
    public async Task Fuzz_Wire_PipelinedRequests_150Connections()
    {
        var sink = new CapturingSink();
        var settings = new Dictionary<string, string?>
        {
            ["CdsHooks:RequireJwt"] = "false",
            ["CdsHooks:PublicBaseUrl"] = "http://localhost",
            ["Api:Auth:Enabled"] = "false",
            ["Api:RateLimit:Enabled"] = "false",
            ["Store:SqlitePath"] = OpenTestAccess.NewSqlitePath(),
        };
        using var factory = new CdsKestrelFactory(settings, sink);
        using var client = factory.CreateClient();
        var server = client.BaseAddress!;
        var failures = new ConcurrentBag<string>();
        var statuses = new ConcurrentBag<int>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 150), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var random = new Random(unchecked((Seed * 1_000_003) + (500 * 100_003) + i));
            var count = 1 + random.Next(5);
            var bytes = new List<byte>();
            for (var n = 0; n < count; n++)
            {
                bytes.AddRange(Request(random, last: n == count - 1));
            }

            var label = $"FUZZ_SEED={Seed} wire case {i}";
            var responses = await RawExchange.SendAsync(server, [.. bytes], count, TimeSpan.FromSeconds(10));
            foreach (var (status, headers, body) in responses.Where(r => r.Status >= 200))
            {
                statuses.Add(status);
                Check(status, headers, body, label, failures);
            }
        });

        using var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative));
        live.StatusCode.Should().Be(System.Net.HttpStatusCode.OK, "the service stays up");
        FuzzSchemaTests.Report(failures, $"seed {Seed}");
        statuses.Should().HaveCountGreaterThan(300, "most pipelined requests are answered").And.Contain([200, 400, 404, 405, 415]);
        var log = sink.Render();
        log.Should().NotContain(Mutator.Sentinel).And.NotContain(CaseGenerator.CaseIdMarker).And.NotContain("X-Injected");
        sink.Events.Should().NotContain(e => e.Level >= Serilog.Events.LogEventLevel.Error);
    }

    private static void Check(int status, Dictionary<string, string> headers, string body, string label, ConcurrentBag<string> failures)
    {
        var type = headers.GetValueOrDefault("content-type") ?? string.Empty;
        if (status >= 500)
        {
            failures.Add($"{label}: {status} {body[..Math.Min(300, body.Length)]}");
        }

        if (status >= 400 && body.Length > 0 && !type.StartsWith("application/problem+json", StringComparison.Ordinal) && !type.StartsWith("application/fhir+json", StringComparison.Ordinal))
        {
            failures.Add($"{label}: {status} answered as {type}: {body[..Math.Min(300, body.Length)]}");
        }

        if (headers.Any(h => h.Key.Contains("injected", StringComparison.Ordinal) || h.Value.Contains(Mutator.Sentinel, StringComparison.Ordinal) || h.Value.Contains(CaseGenerator.CaseIdMarker, StringComparison.Ordinal)))
        {
            failures.Add($"{label}: a request value came back in a response header");
        }

        if ((status >= 400 && body.Contains(CaseGenerator.CaseIdMarker, StringComparison.Ordinal)) || (body.Contains(Mutator.Sentinel, StringComparison.Ordinal) && !body.Contains("requestedRulesetVersion", StringComparison.Ordinal)))
        {
            failures.Add($"{label}: {status} repeats a value sent: {body[..Math.Min(300, body.Length)]}");
        }
    }

    private static byte[] Request(Random random, bool last)
    {
        var method = Methods[random.Next(Methods.Length)];
        var path = Paths[random.Next(Paths.Length)];
        var body = method is "GET" && random.Next(3) > 0 ? [] : Body(random);
        var head = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\nHost: localhost\r\n");
        if (random.Next(5) > 0)
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Type: {ContentTypes[random.Next(ContentTypes.Length)]}\r\n");
        }

        if (random.Next(2) == 0)
        {
            head.Append(CultureInfo.InvariantCulture, $"Accept: {Accepts[random.Next(Accepts.Length)]}\r\n");
        }

        if (random.Next(6) == 0)
        {
            head.Append(CultureInfo.InvariantCulture, $"X-Ruleset-Version: {RulesetPins[random.Next(RulesetPins.Length)]}\r\n");
        }

        if (random.Next(8) == 0)
        {
            head.Append("Expect: 100-continue\r\n");
        }

        if (random.Next(4) == 0)
        {
            var chunked = new StringBuilder();
            foreach (var piece in body.Chunk(1 + random.Next(Math.Max(1, body.Length))))
            {
                chunked.Append(CultureInfo.InvariantCulture, $"{piece.Length:x}{(random.Next(4) == 0 ? ";ext=1" : string.Empty)}\r\n").Append(Encoding.Latin1.GetString(piece)).Append("\r\n");
            }

            head.Append("Transfer-Encoding: chunked\r\n\r\n").Append(chunked).Append("0\r\n\r\n");
            return Encoding.Latin1.GetBytes(head.ToString());
        }

        // A Content-Length short of the body on the last request: the rest reads as one more (malformed) request.
        var length = last && random.Next(4) == 0 ? Math.Max(0, body.Length - random.Next(1, 6)) : body.Length;
        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {length}\r\n\r\n");
        return [.. Encoding.Latin1.GetBytes(head.ToString()), .. body];
    }

    private static byte[] Body(Random random)
    {
        var generator = new CaseGenerator(random.Next());
        return random.Next(4) switch
        {
            0 => Encoding.UTF8.GetBytes(FuzzCsv.Cohort([generator.Case(0.2, csv: true), generator.Case(0.2, csv: true)])),
            1 => [.. generator.Case(0.2).Json, (byte)'\n', .. generator.Case(0.2).Json, (byte)'\n'],
            2 => Encoding.UTF8.GetBytes($"{{\"hook\":\"patient-view\",\"hookInstance\":\"{Mutator.Sentinel}\",\"context\":{{\"patientId\":\"{Mutator.Sentinel}\"}},\"prefetch\":{{\"patient\":null}}}}"),
            _ => generator.Case(0.2).Json,
        };
    }
}
