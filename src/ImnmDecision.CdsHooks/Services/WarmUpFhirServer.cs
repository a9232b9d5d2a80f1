using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ImnmDecision.CdsHooks.Services;

/// <summary>
/// A FHIR server for the start-up warm-up only, on 127.0.0.1 (an ephemeral port) inside this process: it answers
/// a read with the warm-up patient and every search with one made-up Bundle of the warm-up's resources (the
/// first page links to a second), over plain HTTP/1.1. Never reachable from elsewhere, gone when disposed.
/// </summary>
internal sealed class WarmUpFhirServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly byte[] patient;
    private readonly byte[] firstPage;
    private readonly byte[] lastPage;
    private readonly Task serving;

    private WarmUpFhirServer(JsonObject prefetch)
    {
        listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/fhir/");
        patient = Encoding.UTF8.GetBytes(prefetch["patient"]!.ToJsonString());
        var entries = new JsonArray();
        foreach (var key in new[] { "ck", "myositisAntibodies", "statinRequests" })
        {
            foreach (var entry in prefetch[key]!["entry"]!.AsArray())
            {
                entries.Add(entry!.DeepClone());
            }
        }

        firstPage = Page(entries, new Uri(BaseUrl, "Observation?page=2"));
        lastPage = Page(new JsonArray(), null);
        serving = ServeAsync();
    }

    /// <summary>The server's base URL.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Starts a server that answers from the warm-up's made-up prefetch (an object of prefetch keys).</summary>
    public static WarmUpFhirServer Start(JsonObject prefetch) => new(prefetch);

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

    private static byte[] Page(JsonArray entries, Uri? next)
    {
        var bundle = new JsonObject { ["resourceType"] = "Bundle", ["type"] = "searchset", ["entry"] = entries };
        if (next is not null)
        {
            bundle["link"] = new JsonArray(new JsonObject { ["relation"] = "next", ["url"] = next.ToString() });
        }

        return Encoding.UTF8.GetBytes(bundle.ToJsonString());
    }

    private async Task ServeAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var socket = await listener.AcceptSocketAsync(stopping.Token);
            _ = AnswerAsync(socket);
        }
    }

    // Answers the requests of one connection (keep-alive) until the client closes it or the server stops.
    private async Task AnswerAsync(Socket socket)
    {
        using (socket)
        {
            var buffer = new byte[8192];
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
                    var body = target.Contains("/Patient/", StringComparison.Ordinal) ? patient
                        : target.Contains("page=2", StringComparison.Ordinal) ? lastPage
                        : firstPage;
                    var head = Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nContent-Type: application/fhir+json\r\nContent-Length: {body.Length}\r\n\r\n");
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
