using System.Net.Sockets;
using System.Text;
using ImnmDecision.Api.Tests.CdsHooks.Support;
using ImnmDecision.Api.Tests.Infrastructure;
using Serilog.Events;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Found by the third fuzz round: a client that resets its connection (TCP RST) in the middle of a body got a 400
/// it could never read, and Kestrel then logged an error with a stack trace for each such request ("automatic
/// draining of the request body failed"): anyone could fill the error log. A reset is the caller going away: 499
/// in the request log, nothing at error level.
/// </summary>
public sealed class FuzzResetTests
{
    [Theory]
    [InlineData("/api/v1/assessments", "{\"ck\":{\"value\":")]
    [InlineData("/api/v1/assessments/batch", "[{\"ck\":{\"value\":")]
    [InlineData("/cds-services/imnm-assessment", "{\"hook\":\"patient-view\",")]
    [InlineData("/cds-services/imnm-assessment/feedback", "{\"feedback\":[")]
    public async Task Post_ConnectionResetMidBody_IsLoggedAsTheCallerGoneNotAnError(string path, string start)
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
        var before = sink.Events.Count;

        await Parallel.ForEachAsync(Enumerable.Range(0, 12), async (_, cancel) =>
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            await socket.ConnectAsync(server.Host, server.Port, cancel);
            await socket.SendAsync(Encoding.ASCII.GetBytes($"POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{start}"), cancel);
            await Task.Delay(50, cancel);
            socket.LingerState = new LingerOption(true, 0); // Close sends a reset, not a FIN.
            socket.Close();
        });

        for (var waited = 0; waited < 100 && sink.Events.Skip(before).Count(e => e.MessageTemplate.Text.StartsWith("HTTP", StringComparison.Ordinal)) < 12; waited++)
        {
            await Task.Delay(50);
        }

        var events = sink.Events.Skip(before).ToList();
        events.Should().NotContain(e => e.Level >= LogEventLevel.Error, "a reset connection is the caller going away: {0}", sink.Render());
        sink.Render().Should().Contain("responded 499").And.NotContain("responded 400");
    }
}
