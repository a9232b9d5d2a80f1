using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ImnmDecision.Api.Security;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Engine.Reports;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// The rendered reports (POST /api/v1/assessments with Accept: text/markdown or text/html, with q-values,
/// wildcards and odd Accept headers) for hostile caseIds: markup, link and comment openers, backticks, pipes,
/// direction controls, line breaks, bare URLs and e-mail addresses. Oracles: the negotiated type and the security
/// headers; a report identical to the same case's without a caseId except its title, which shows the caseId as
/// text (HTML: encoded, and the page reads strictly; markdown: every mark escaped, no bare link); the same request
/// gives the same bytes; the caseId never reaches the log. Seeded by FUZZ_SEED (default 14).
/// </summary>
public sealed partial class FuzzReportTests(CdsApiFactory factory) : IClassFixture<CdsApiFactory>
{
    private static readonly int Seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var seed) ? seed : 14;

    private const string Marker = "ZQCASE";

    private const string Title = "IMNM decision support";

    private static readonly string[] Examples = [.. Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "src", "ImnmDecision.Api", "Examples"), "*.json").Order()
        .Select(f => JsonNode.Parse(File.ReadAllText(f))!["value"]!.ToJsonString())];

    private static readonly string[] Fragments =
    [
        "<script>alert(1)</script>", "](javascript:alert(1))", "[x](javascript:alert(1))", "![i](https://evil.example/i.png)", "`", "```", "|", "| a | b |",
        "<!--", "-->", "\u202E", "\u2066", "\u200F", "\u061C", "\n# forged", "\r\n## forged", "# ", "<img src=x onerror=alert(1)>", "&amp;", "&#x3C;", "&lt;",
        "https://evil.example/x", "http://evil.example", "www.evil.example", "WWW.evil.example", "mailto:a@b.example", "a@b.example", "javascript:alert(1)",
        "\"'", "\\", "*_~", "<a href=x>", "\u001b[2J", "\u0007", "\u0085", "\u2028", "\u2029", "\u00a0", "\U0001F600", "=1+1", "-", "+ ", "1. ", "> ", "***", "---",
        "\t", "}", "{{x}}", "${x}", "<", ">", "&", "\u0000",
    ];

    private static readonly (string Accept, string Type)[] Accepts =
    [
        ("text/markdown", "text/markdown"), ("text/html", "text/html"), ("text/html;q=0.9, text/markdown", "text/markdown"),
        ("text/markdown;q=0.1, text/html;q=0.2", "text/html"), ("TEXT/HTML", "text/html"), ("text/*", "text/markdown"), ("text/html;q=abc", "text/html"),
        ("application/json;q=0, text/html", "text/html"), ("text/html, garbage", "text/html"), ("*/*;q=0.1, text/html", "text/html"),
        ("text/html;charset=utf-16", "text/html"), ("text/markdown;variant=GFM", "text/markdown"), ("image/png, text/html;q=0.5", "text/html"),
        ("text/html;level=1;q=0.7, text/markdown;q=0.7", "text/html"),
    ];

    private readonly ConcurrentDictionary<(int Example, string Type), string> references = new();

    [Fact]
    public async Task Fuzz_Report_HostileCaseIds_1500Requests()
    {
        var sink = new CapturingSink();
        using var host = factory.With(new Dictionary<string, string?>(), sink);
        using var client = host.CreateClient();
        var failures = new ConcurrentBag<string>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 1500), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
        {
            var random = new Random(unchecked((Seed * 1_000_003) + (40 * 100_003) + i));
            var label = $"FUZZ_SEED={Seed} report case {i}";
            var example = random.Next(Examples.Length);
            var caseId = CaseId(random);
            var (accept, type) = Accepts[random.Next(Accepts.Length)];
            var body = WithCaseId(Examples[example], caseId);

            var (status, headers, text) = await PostAsync(client, body, accept);
            if (caseId.Length > 64)
            {
                if (status != HttpStatusCode.BadRequest || headers.ContentType != "application/problem+json" || text.Contains(Marker, StringComparison.Ordinal))
                {
                    failures.Add($"{label}: a caseId of {caseId.Length} characters answered {(int)status} {headers.ContentType}");
                }

                return;
            }

            if (status != HttpStatusCode.OK || headers.ContentType != type || headers.CharSet != "utf-8")
            {
                failures.Add($"{label}: Accept '{accept}' answered {(int)status} {headers.ContentType}; {text[..Math.Min(text.Length, 300)]}");
                return;
            }

            if (headers.Csp != SecurityHeadersMiddleware.ContentSecurityPolicy || !headers.NoSniff)
            {
                failures.Add($"{label}: the security headers are missing");
            }

            var reference = await ReferenceAsync(client, example, type);
            if ((type == "text/html" ? HtmlFault(text, reference, caseId) : MarkdownFault(text, reference, caseId)) is { } fault)
            {
                failures.Add($"{label}: {fault}; caseId {JsonSerializer.Serialize(caseId)}");
            }

            if (i % 10 == 0 && (await PostAsync(client, body, accept)).Text != text)
            {
                failures.Add($"{label}: the same request gave another report");
            }
        });

        failures.Should().BeEmpty($"seed {Seed} (set FUZZ_SEED to replay); {failures.Count} failed");
        sink.Render().Should().NotContain(Marker, "a caseId is never logged");
    }

    [Theory]
    [InlineData("https://evil.example/login", "https\\://evil.example/login")]
    [InlineData("see www.evil.example", "see www\\.evil.example")]
    [InlineData("mail a@evil.example", "mail a\\@evil.example")]
    public async Task Markdown_CaseIdHoldingABareLink_IsEscapedSoNoRendererLinksIt(string caseId, string shown)
    {
        using var client = factory.CreateClient();

        var (status, _, text) = await PostAsync(client, WithCaseId(Examples[0], caseId), "text/markdown");

        status.Should().Be(HttpStatusCode.OK);
        text.Should().StartWith($"# {Title}: case {shown}\n");
    }

    private static string CaseId(Random random)
    {
        var builder = new StringBuilder(Marker);
        var limit = random.Next(8) == 0 ? 65 + random.Next(200) : random.Next(8, 65);
        while (builder.Length < limit)
        {
            builder.Append(Fragments[random.Next(Fragments.Length)]);
        }

        var cut = Math.Min(builder.Length, limit);
        return builder.ToString(0, char.IsHighSurrogate(builder[cut - 1]) ? cut - 1 : cut);
    }

    private static string WithCaseId(string example, string? caseId)
    {
        var node = JsonNode.Parse(example)!.AsObject();
        node.Remove("caseId");
        if (caseId is not null)
        {
            node["caseId"] = caseId;
        }

        return node.ToJsonString();
    }

    private async Task<string> ReferenceAsync(HttpClient client, int example, string type)
    {
        if (references.TryGetValue((example, type), out var known))
        {
            return known;
        }

        var (status, _, text) = await PostAsync(client, WithCaseId(Examples[example], null), type);
        status.Should().Be(HttpStatusCode.OK);
        return references.GetOrAdd((example, type), text);
    }

    /// <summary>The HTML page reads strictly, differs from the reference only in its title and h1, and both show the caseId as text.</summary>
    private static string? HtmlFault(string html, string reference, string caseId)
    {
        if (StrictHtml.Fault(html) is { } fault)
        {
            return fault;
        }

        var expected = $"{Title}: case {DisplayText.Replace(caseId, ' ')}";
        var lines = html.Split('\n');
        var title = lines.FirstOrDefault(l => l.StartsWith("<title>", StringComparison.Ordinal));
        var heading = lines.FirstOrDefault(l => l.StartsWith("<h1>", StringComparison.Ordinal));
        if (title != $"<title>{Encoded(expected)}</title>" || heading != $"<h1>{Encoded(expected)}</h1>"
            || WebUtility.HtmlDecode(title[7..^8]) != expected)
        {
            return $"the title does not show the caseId as text: {title}";
        }

        static bool Fixed(string line) => !line.StartsWith("<title>", StringComparison.Ordinal) && !line.StartsWith("<h1>", StringComparison.Ordinal);
        return lines.Where(Fixed).SequenceEqual(reference.Split('\n').Where(Fixed)) ? null : "the page's structure differs from the same case's without a caseId";
    }

    /// <summary>The markdown differs from the reference only in its first line, which escapes every mark and shows the caseId.</summary>
    private static string? MarkdownFault(string markdown, string reference, string caseId)
    {
        var lines = markdown.Split('\n');
        if (!lines.Skip(1).SequenceEqual(reference.Split('\n').Skip(1)))
        {
            return "the report's structure differs from the same case's without a caseId";
        }

        var prefix = $"# {Title}: case ";
        if (!lines[0].StartsWith(prefix, StringComparison.Ordinal))
        {
            return $"the first line is not the title: {lines[0]}";
        }

        var shown = lines[0][prefix.Length..];
        var bare = Escaped().Replace(shown, "\uE000");
        if (bare.IndexOfAny(['[', ']', '<', '>', '`', '*', '_', '&', '#', '|', '~', '@', '\\']) >= 0 || bare.Contains("://", StringComparison.Ordinal)
            || bare.Contains("www.", StringComparison.OrdinalIgnoreCase) || bare.Any(char.IsControl))
        {
            return $"an unescaped mark in the title: {shown}";
        }

        var expected = DisplayText.Replace(caseId, ' ');
        return Escaped().Replace(shown, m => m.Value[1..]) == new string([.. expected.Select(c => char.IsControl(c) ? ' ' : c)]) ? null : $"the title does not show the caseId: {shown}";
    }

    private static string Encoded(string text) => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(text);

    private static async Task<(HttpStatusCode Status, (string? ContentType, string? CharSet, string? Csp, bool NoSniff) Headers, string Text)> PostAsync(HttpClient client, string body, string accept)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Json.AssessmentsPath, UriKind.Relative)) { Content = Json.Body(body) };
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await client.SendAsync(request);
        var csp = response.Headers.TryGetValues("Content-Security-Policy", out var values) ? string.Join(",", values) : null;
        var noSniff = response.Headers.TryGetValues("X-Content-Type-Options", out var sniff) && sniff.Single() == "nosniff";
        return (response.StatusCode, (response.Content.Headers.ContentType?.MediaType, response.Content.Headers.ContentType?.CharSet, csp, noSniff), await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex(@"\\[!-/:-@\[-`{-~]")]
    private static partial Regex Escaped();
}
