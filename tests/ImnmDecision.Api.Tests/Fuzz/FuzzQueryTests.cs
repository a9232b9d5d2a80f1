using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Hostile query strings and ruleset pins on every route (the summaries' ranges reversed and extreme, parameters
/// repeated, huge or oddly encoded; <c>rulesetVersion</c> and <c>X-Ruleset-Version</c> with control, direction and
/// astral characters), and every method on every address (HEAD and OPTIONS included), the case page and Swagger
/// UI on. Oracles: no 5xx; a problem document (an OperationOutcome under /cds-services) for every refusal; a 405
/// names the methods allowed; no value sent in a header of the answer or in the log; a pin other than the loaded
/// ruleset is a 409 whose echo holds no control character. Seeded by FUZZ_SEED (default 14).
/// </summary>
public sealed class FuzzQueryTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 14;

    private const string Marker = "ZQPIN";

    private const string Case = """{"caseId":"q1","ck":{"value":8400},"antibodies":{"hmgcr":"positive"}}""";

    private static readonly string[] Paths =
    [
        "/api/v1/ruleset", "/api/v1/rules", "/api/v1/rules/subtype.conflicting-serology", "/api/v1/rules/" + Marker + "%0D%0A%E2%80%AE", "/api/v1/citations",
        "/api/v1/citations/enmc-2018", "/api/v1/citations/..%2F" + Marker, "/api/v1/feedback/summary", "/api/v1/audit/summary", "/api/v1/assessments",
        "/api/v1/assessments/batch", "/health/live", "/health/ready", "/cds-services", "/", "/case-page/case-page.js", "/case-page/form.json",
        "/case-page/examples.json", "/case-page/report.css", "/swagger", "/swagger/index.html", "/swagger/v1/swagger.json", "/" + Marker,
    ];

    private static readonly string[] Names = ["from", "to", "ruleset", "rulesetVersion", "rawCsv", "From", "RULESETVERSION", "", "%00", "a[]", "from%00"];

    private static readonly string[] Values =
    [
        "0001-01-01", "9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59.9999999%2B14:00", "0001-01-01T00:00:00%2B14:00", "2020-01-01T00:00:00-14:00",
        "-0001-01-01", "2020-02-30", "1/2/2020", "now", "", "%00", "%FF%FE", "%C0%AF", "%E2%80%AE", "%0D%0AX-Injected:%201", "+", "%2B", ";", "true", "1e308",
        "2020-01-01T25:61:61Z", "%F0%9F%98%80", "%ED%A0%80", "%EF%BC%92020-01-01", "imnm-core@2027.1.0%2B655fe734a23c", " imnm-core ",
    ];

    private static readonly string[] Pins =
    [
        Marker, Marker + "\u00e9\u00e9", Marker + "\U0001F600", Marker + "\u202E", Marker + " , " + Marker, new string('a', 99) + "\U0001F600" + Marker,
        Marker + new string('x', 5000), Marker + "\u0007\u001b[2J", " ", "\"" + Marker + "\"",
    ];

    private static readonly string[] Methods = ["GET", "HEAD", "OPTIONS", "POST", "PUT", "DELETE", "PATCH", "TRACE", "ZQMETHOD"];

    [Fact]
    public async Task Fuzz_QueryStringsAndPins_EveryRoute_1500Requests()
    {
        var sink = new CapturingSink();
        using var host = factory.With(new Dictionary<string, string?> { ["Api:CasePage"] = "true" }, sink);
        using var client = host.CreateClient();
        var tag = (await client.GetFromJsonNodeAsync("/api/v1/ruleset"))["tag"]!.GetValue<string>();
        var failures = new ConcurrentBag<string>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 1500), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, cancel) =>
        {
            var random = new Random(unchecked((Seed * 1_000_003) + (41 * 100_003) + i));
            var path = Paths[random.Next(Paths.Length)];
            var query = string.Join('&', Enumerable.Range(0, random.Next(6)).Select(_ => Parameter(random, tag)));
            var method = random.Next(4) == 0 ? Methods[random.Next(Methods.Length)] : path.EndsWith("assessments", StringComparison.Ordinal) ? "POST" : "GET";
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path + (query.Length > 0 ? "?" + query : ""), UriKind.Relative));
            if (method is "POST" or "PUT" or "PATCH")
            {
                request.Content = Json.Body(Case);
            }

            var pin = random.Next(3) == 0 ? (random.Next(3) == 0 ? tag : Pins[random.Next(Pins.Length)]) : null;
            if (pin is not null)
            {
                request.Headers.TryAddWithoutValidation("X-Ruleset-Version", pin);
            }

            using var response = await client.SendAsync(request, cancel);
            var text = await response.Content.ReadAsStringAsync(cancel);
            Check(failures, $"FUZZ_SEED={Seed} query case {i}: {method} {path}?{query[..Math.Min(query.Length, 200)]} pin {pin?[..Math.Min(pin.Length, 40)]}", path, method, response, text, tag);
        });

        failures.Should().BeEmpty($"seed {Seed} (set FUZZ_SEED to replay); {failures.Count} failed");
        sink.Render().Should().NotContain(Marker, "no value sent is logged");
    }

    [Fact]
    public async Task EveryMethod_OnEveryAddress_IsAnsweredWithoutAServerError()
    {
        using var host = factory.With(new Dictionary<string, string?> { ["Api:CasePage"] = "true" });
        using var client = host.CreateClient();
        var tag = (await client.GetFromJsonNodeAsync("/api/v1/ruleset"))["tag"]!.GetValue<string>();
        var failures = new ConcurrentBag<string>();

        foreach (var path in Paths)
        {
            foreach (var method in Methods)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
                using var response = await client.SendAsync(request);
                Check(failures, $"{method} {path}", path, method, response, await response.Content.ReadAsStringAsync(), tag);
            }
        }

        failures.Should().BeEmpty();
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/api/v1/ruleset")]
    [InlineData("/api/v1/rules/subtype.conflicting-serology")]
    [InlineData("/api/v1/audit/summary")]
    [InlineData("/cds-services")]
    [InlineData("/")]
    [InlineData("/case-page/case-page.js")]
    [InlineData("/swagger/v1/swagger.json")]
    public async Task Head_OnAnAddressThatAnswersGet_HasTheSameStatusAndTypeWithoutABody(string path)
    {
        using var host = factory.With(new Dictionary<string, string?> { ["Api:CasePage"] = "true" });
        using var client = host.CreateClient();

        using var get = await client.GetAsync(new Uri(path, UriKind.Relative));
        using var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative)));

        get.StatusCode.Should().Be(System.Net.HttpStatusCode.OK);
        head.StatusCode.Should().Be(get.StatusCode, "a server that answers GET answers HEAD (RFC 9110 9.3.2)");
        head.Content.Headers.ContentType?.MediaType.Should().Be(get.Content.Headers.ContentType?.MediaType);
        (await head.Content.ReadAsByteArrayAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task FeedbackSummary_RulesetSentTwice_IsRefusedNotJoinedIntoOneTag()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/feedback/summary?ruleset=a&ruleset=b", UriKind.Relative));

        var problem = await response.ReadProblemAsync(400);
        problem["errors"]!["ruleset"].Should().NotBeNull();
    }

    [Theory]
    [InlineData("ab%0D%0AX-Forged:%201")]
    [InlineData("imnm-core%E2%80%AE")]
    [InlineData("%1B%5B2J")]
    [InlineData("201-characters")]
    public async Task FeedbackSummary_RulesetNoTagCanBe_IsRefusedNotRepeated(string sent)
    {
        using var client = factory.CreateClient();
        var query = sent == "201-characters" ? new string('a', 201) : sent;

        using var response = await client.GetAsync(new Uri("/api/v1/feedback/summary?ruleset=" + query, UriKind.Relative));

        var problem = await response.ReadProblemAsync(400);
        problem["errors"]!["ruleset"].Should().NotBeNull();
        problem.ToJsonString().Should().NotContain("X-Forged").And.NotContain("aaaaaaaaaa");
    }

    [Fact]
    public async Task FeedbackSummary_RulesetOfTagLength_IsAFilter()
    {
        using var client = factory.CreateClient();

        var summary = await client.GetFromJsonNodeAsync("/api/v1/feedback/summary?ruleset=" + new string('a', 200));

        summary["rulesetTag"]!.GetValue<string>().Should().HaveLength(200);
    }

    [Theory]
    [InlineData("ab%0D%0AX-Forged:%201%E2%80%AE%1B%5B2J", "ab??X-Forged: 1??[2J")]
    public async Task Pin_WithControlAndDirectionCharacters_IsEchoedWithoutThem(string sent, string shown)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/v1/ruleset?rulesetVersion=" + sent, UriKind.Relative));

        var problem = await response.ReadProblemAsync(409);
        problem["requestedRulesetVersion"]!.GetValue<string>().Should().Be(shown);
        problem["detail"]!.GetValue<string>().Should().Contain($"'{shown}'");
    }

    [Fact]
    public async Task Pin_LongerThanTheEcho_IsNotCutInsideASurrogatePair()
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/ruleset?rulesetVersion=" + new string('a', 99) + "%F0%9F%98%80zz", UriKind.Relative));

        using var response = await client.SendAsync(request);

        var echo = (await response.ReadProblemAsync(409))["requestedRulesetVersion"]!.GetValue<string>();
        echo.Should().Be(new string('a', 99) + "...");
    }

    private static string Parameter(Random random, string tag)
    {
        var name = Names[random.Next(Names.Length)];
        var value = random.Next(10) switch
        {
            0 => Marker + new string('9', random.Next(1, 6000)),
            1 => Marker + Values[random.Next(Values.Length)],
            2 => Uri.EscapeDataString(Pins[random.Next(Pins.Length)]),
            3 => Uri.EscapeDataString(tag),
            _ => Values[random.Next(Values.Length)],
        };
        return random.Next(12) == 0 ? name : $"{name}={value}";
    }

    private static void Check(ConcurrentBag<string> failures, string label, string path, string method, HttpResponseMessage response, string text, string tag)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            failures.Add($"{label}: status {status}: {text[..Math.Min(text.Length, 300)]}");
            return;
        }

        var headers = response.Headers.Concat(response.Content.Headers).SelectMany(h => h.Value.Select(v => $"{h.Key}: {v}")).ToList();
        if (headers.Any(h => h.Contains(Marker, StringComparison.Ordinal) || h.Contains("Injected", StringComparison.Ordinal)))
        {
            failures.Add($"{label}: a value sent is in a header of the answer");
        }

        if (path.StartsWith("/api/v1", StringComparison.Ordinal) && response.Headers.TryGetValues("X-Ruleset-Version", out var stamped) && stamped.Single() != tag)
        {
            failures.Add($"{label}: X-Ruleset-Version is not the loaded ruleset");
        }

        if (status == 405 && response.Content.Headers.Allow.Count == 0)
        {
            failures.Add($"{label}: a 405 without Allow");
        }

        if (status < 400 || method == "HEAD")
        {
            return;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var cds = path.StartsWith("/cds-services", StringComparison.Ordinal);
        if (cds ? mediaType != "application/fhir+json" : mediaType != "application/problem+json" || !IsProblem(text, status))
        {
            failures.Add($"{label}: {status} is not a problem document: {mediaType} {text[..Math.Min(text.Length, 200)]}");
        }

        if (status == 409 && JsonNode.Parse(text)?["requestedRulesetVersion"]?.GetValue<string>() is { } echo
            && (echo.Any(char.IsControl) || echo.Contains('\u202E', StringComparison.Ordinal) || echo.Length > 103))
        {
            failures.Add($"{label}: the 409 echoes control characters or too much: {echo}");
        }
    }

    private static bool IsProblem(string text, int status)
    {
        try
        {
            return JsonNode.Parse(text) is JsonObject problem && problem["status"]?.GetValue<int>() == status && problem["title"] is not null && problem["traceId"] is not null;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
