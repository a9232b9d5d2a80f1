using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ImnmDecision.Api.Tests.Batch;

/// <summary>
/// A minimal HTTP/1.1 client on a socket that uploads a chunked body and reads the answer at the same time, as
/// curl does. HttpClient sends the whole body before it reads the answer over HTTP/1.1, so it cannot show a
/// result arriving while the upload goes on.
/// </summary>
internal sealed class RawHttpConnection : IAsyncDisposable
{
    private readonly TcpClient tcp;
    private readonly NetworkStream stream;
    private readonly byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    private RawHttpConnection(TcpClient tcp)
    {
        this.tcp = tcp;
        stream = tcp.GetStream();
    }

    public static async Task<RawHttpConnection> OpenAsync(Uri server, string pathAndQuery, string contentType, string? accept = null)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var connection = new RawHttpConnection(tcp);
        var head = $"POST {pathAndQuery} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: {contentType}\r\n"
            + (accept is null ? "" : $"Accept: {accept}\r\n")
            + "Transfer-Encoding: chunked\r\n\r\n";
        await connection.stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        return connection;
    }

    /// <summary>Sends one chunk of the body.</summary>
    public async Task SendAsync(byte[] data, CancellationToken cancellationToken = default)
    {
        if (data.Length == 0)
        {
            return;
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(data.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken);
        await stream.WriteAsync(data, cancellationToken);
        await stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken);
        await stream.FlushAsync(cancellationToken);
    }

    /// <summary>Ends the body.</summary>
    public async Task EndAsync() => await stream.WriteAsync("0\r\n\r\n"u8.ToArray());

    /// <summary>Reads the status line and headers; returns the status code and the headers (names lower-cased).</summary>
    public async Task<(int Status, Dictionary<string, string> Headers)> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var status = await ReadLineAsync(cancellationToken);
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var line = await ReadLineAsync(cancellationToken); line.Length > 0; line = await ReadLineAsync(cancellationToken))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
        }

        return (int.Parse(status.Split(' ')[1], CultureInfo.InvariantCulture), headers);
    }

    /// <summary>Reads the next chunk of a chunked answer; empty at its end.</summary>
    public async Task<byte[]> ReadChunkAsync(CancellationToken cancellationToken)
    {
        var size = int.Parse(await ReadLineAsync(cancellationToken), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        var data = new byte[size];
        for (var read = 0; read < size;)
        {
            read += await ReadAsync(data.AsMemory(read), cancellationToken);
        }

        await ReadLineAsync(cancellationToken);
        return data;
    }

    /// <summary>Reads the answer's body up to its end.</summary>
    public async Task<string> ReadBodyToEndAsync(CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        for (var chunk = await ReadChunkAsync(cancellationToken); chunk.Length > 0; chunk = await ReadChunkAsync(cancellationToken))
        {
            text.Append(Encoding.UTF8.GetString(chunk));
        }

        return text.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        await stream.DisposeAsync();
        tcp.Dispose();
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (start == end)
            {
                start = 0;
                end = await stream.ReadAsync(buffer, cancellationToken);
                if (end == 0)
                {
                    throw new EndOfStreamException("The server closed the connection.");
                }
            }

            var c = (char)buffer[start++];
            if (c == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append(c);
        }
    }

    private async Task<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        if (start == end)
        {
            start = 0;
            end = await stream.ReadAsync(buffer, cancellationToken);
            if (end == 0)
            {
                throw new EndOfStreamException("The server closed the connection.");
            }
        }

        var count = Math.Min(destination.Length, end - start);
        buffer.AsMemory(start, count).CopyTo(destination);
        start += count;
        return count;
    }
}
