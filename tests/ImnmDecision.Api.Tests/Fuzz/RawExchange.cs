using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ImnmDecision.Api.Tests.Fuzz;

/// <summary>
/// Bytes written to a socket as they are (pipelined requests, odd framing) and the HTTP/1.1 responses read back:
/// status, headers (names lower-cased) and body (by Content-Length or chunked), until the server closes the
/// connection, the expected count has arrived or the time is up.
/// </summary>
internal static class RawExchange
{
    public static async Task<List<(int Status, Dictionary<string, string> Headers, string Body)>> SendAsync(Uri server, byte[] requests, int expected, TimeSpan timeout)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        using var cancel = new CancellationTokenSource(timeout);
        var received = new MemoryStream();
        try
        {
            await stream.WriteAsync(requests, cancel.Token);
        }
        catch (IOException)
        {
            // The server closed early (a refused request); read what it answered.
        }

        var buffer = new byte[65536];
        try
        {
            while (Parse(received.ToArray()).Count < expected)
            {
                var read = await stream.ReadAsync(buffer, cancel.Token);
                if (read == 0)
                {
                    break;
                }

                received.Write(buffer, 0, read);
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            // Closed or timed out: the responses that arrived are judged.
        }

        return Parse(received.ToArray());
    }

    private static List<(int, Dictionary<string, string>, string)> Parse(byte[] bytes)
    {
        var responses = new List<(int, Dictionary<string, string>, string)>();
        var at = 0;
        while (true)
        {
            var end = bytes.AsSpan(at).IndexOf("\r\n\r\n"u8);
            if (end < 0)
            {
                return responses;
            }

            var head = Encoding.Latin1.GetString(bytes, at, end).Split("\r\n");
            var headers = head.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2)
                .GroupBy(p => p[0].Trim().ToLowerInvariant()).ToDictionary(g => g.Key, g => string.Join(", ", g.Select(p => p[1].Trim())));
            var status = int.Parse(head[0].Split(' ')[1], CultureInfo.InvariantCulture);
            at += end + 4;
            var body = new MemoryStream();
            if (headers.TryGetValue("content-length", out var length))
            {
                var count = int.Parse(length, CultureInfo.InvariantCulture);
                if (at + count > bytes.Length)
                {
                    return responses;
                }

                body.Write(bytes, at, count);
                at += count;
            }
            else if (headers.TryGetValue("transfer-encoding", out var coding) && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                while (true)
                {
                    var line = bytes.AsSpan(at).IndexOf("\r\n"u8);
                    if (line < 0)
                    {
                        return responses;
                    }

                    var size = int.Parse(Encoding.ASCII.GetString(bytes, at, line).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                    at += line + 2;
                    if (at + size + 2 > bytes.Length)
                    {
                        return responses;
                    }

                    body.Write(bytes, at, size);
                    at += size + 2;
                    if (size == 0)
                    {
                        break;
                    }
                }
            }

            responses.Add((status, headers, Encoding.UTF8.GetString(body.ToArray())));
        }
    }
}
