using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ImnmDecision.Benchmarks.Fhir;

/// <summary>
/// A FHIR server on 127.0.0.1 (an ephemeral port) for the search benchmarks: every search answers page 1 of a
/// searchset of CK Observations, and <c>page=k</c> answers page k; each page but the last links to the next.
/// The pages are serialized once, so the server's own cost is a copy. HTTP/1.1 with keep-alive.
/// </summary>
public sealed class LocalFhirServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly byte[][] pages;
    private readonly Task serving;

    public LocalFhirServer(int pageCount, int entriesPerPage)
    {
        listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/fhir/");
        pages = [.. Enumerable.Range(1, pageCount).Select(p => Encoding.UTF8.GetBytes(Page(p, pageCount, entriesPerPage).ToJsonString()))];
        serving = ServeAsync();
    }

    /// <summary>The server's base URL (ends with a slash).</summary>
    public Uri BaseUrl { get; }

    /// <summary>The search every client runs (relative to the base URL).</summary>
    public static string Search => "Observation?patient=pt-1&code=http%3A%2F%2Floinc.org%7C2157-6&_sort=-date";

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        try
        {
            await serving;
        }
        catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        listener.Dispose();
        stopping.Dispose();
    }

    private JsonObject Page(int page, int pageCount, int entriesPerPage)
    {
        var entries = new JsonArray();
        for (var i = 0; i < entriesPerPage; i++)
        {
            var n = ((page - 1) * entriesPerPage) + i;
            var id = "ck-" + n.ToString(CultureInfo.InvariantCulture);
            var day = DateTime.UnixEpoch.AddDays(19000 - n).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            entries.Add(new JsonObject
            {
                ["fullUrl"] = new Uri(BaseUrl, "Observation/" + id).ToString(),
                ["resource"] = new JsonObject
                {
                    ["resourceType"] = "Observation",
                    ["id"] = id,
                    ["meta"] = new JsonObject { ["lastUpdated"] = day + "T10:00:00Z" },
                    ["status"] = "final",
                    ["category"] = new JsonArray(new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/observation-category", ["code"] = "laboratory" }) }),
                    ["code"] = new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://loinc.org", ["code"] = "2157-6", ["display"] = "Creatine kinase [Enzymatic activity/volume] in Serum or Plasma" }), ["text"] = "CK" },
                    ["subject"] = new JsonObject { ["reference"] = "Patient/pt-1" },
                    ["effectiveDateTime"] = day,
                    ["issued"] = day + "T12:00:00Z",
                    ["valueQuantity"] = new JsonObject { ["value"] = 500 + n, ["unit"] = "U/L", ["system"] = "http://unitsofmeasure.org", ["code"] = "U/L" },
                    ["interpretation"] = new JsonArray(new JsonObject { ["coding"] = new JsonArray(new JsonObject { ["system"] = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation", ["code"] = "H" }) }),
                    ["referenceRange"] = new JsonArray(new JsonObject { ["low"] = new JsonObject { ["value"] = 30, ["unit"] = "U/L" }, ["high"] = new JsonObject { ["value"] = 200, ["unit"] = "U/L" } }),
                },
                ["search"] = new JsonObject { ["mode"] = "match" },
            });
        }

        var links = new JsonArray(new JsonObject { ["relation"] = "self", ["url"] = new Uri(BaseUrl, Search + "&page=" + page.ToString(CultureInfo.InvariantCulture)).ToString() });
        if (page < pageCount)
        {
            links.Add(new JsonObject { ["relation"] = "next", ["url"] = new Uri(BaseUrl, Search + "&page=" + (page + 1).ToString(CultureInfo.InvariantCulture)).ToString() });
        }

        return new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["total"] = pageCount * entriesPerPage, ["link"] = links, ["entry"] = entries };
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var socket = await listener.AcceptSocketAsync(stopping.Token);
            socket.NoDelay = true;
            _ = AnswerAsync(socket);
        }
    }

    private async Task AnswerAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[16384];
            var filled = 0;
            try
            {
                while (true)
                {
                    var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
                    if (end < 0)
                    {
                        var read = filled < buffer.Length ? await socket.ReceiveAsync(buffer.AsMemory(filled), stopping.Token) : 0;
                        if (read == 0)
                        {
                            return;
                        }

                        filled += read;
                        continue;
                    }

                    var target = Encoding.ASCII.GetString(buffer, 0, end).Split(' ', 3) is [_, var path, _] ? path : "";
                    var at = target.IndexOf("page=", StringComparison.Ordinal);
                    var page = at >= 0 && int.TryParse(target.AsSpan(at + 5), NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 1 && k <= pages.Length ? k : 1;
                    var body = pages[page - 1];
                    var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json; charset=utf-8\r\nContent-Length: {body.Length}\r\n\r\n");
                    await socket.SendAsync(head, stopping.Token);
                    await socket.SendAsync(body, stopping.Token);
                    buffer.AsSpan(end + 4, filled - end - 4).CopyTo(buffer);
                    filled -= end + 4;
                }
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client or the server went away.
            }
        }
    }
}
