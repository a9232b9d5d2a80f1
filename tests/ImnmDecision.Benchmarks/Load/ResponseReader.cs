using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace ImnmDecision.Benchmarks.Load;

/// <summary>Reads one HTTP/1.1 response off a keep-alive socket (Content-Length or chunked body) and returns its status.</summary>
internal sealed class ResponseReader
{
    private readonly byte[] buffer = new byte[256 * 1024];
    private int start;
    private int end;

    public void Reset() => (start, end) = (0, 0);

    public async Task<int> ReadAsync(Socket socket)
    {
        var headerEnd = await FindAsync(socket, "\r\n\r\n"u8.ToArray());
        var head = Encoding.ASCII.GetString(buffer, start, headerEnd - start);
        start = headerEnd + 4;
        var status = int.Parse(head.AsSpan(9, 3), CultureInfo.InvariantCulture);
        var lines = head.Split("\r\n");
        if (lines.FirstOrDefault(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase)) is { } length)
        {
            await SkipAsync(socket, int.Parse(length.AsSpan(15).Trim(), CultureInfo.InvariantCulture));
        }
        else if (lines.Any(l => l.StartsWith("Transfer-Encoding:", StringComparison.OrdinalIgnoreCase) && l.Contains("chunked", StringComparison.OrdinalIgnoreCase)))
        {
            while (true)
            {
                var lineEnd = await FindAsync(socket, "\r\n"u8.ToArray());
                var size = int.Parse(Encoding.ASCII.GetString(buffer, start, lineEnd - start).Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
                start = lineEnd + 2;
                await SkipAsync(socket, size + 2);
                if (size == 0)
                {
                    break;
                }
            }
        }

        return status;
    }

    private async Task<int> FindAsync(Socket socket, byte[] marker)
    {
        while (true)
        {
            var at = buffer.AsSpan(start, end - start).IndexOf(marker);
            if (at >= 0)
            {
                return start + at;
            }

            await FillAsync(socket);
        }
    }

    private async Task SkipAsync(Socket socket, int count)
    {
        while (end - start < count)
        {
            count -= end - start;
            (start, end) = (0, 0);
            await FillAsync(socket);
        }

        start += count;
    }

    private async Task FillAsync(Socket socket)
    {
        if (start == end)
        {
            (start, end) = (0, 0);
        }
        else if (end == buffer.Length)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            (start, end) = (0, end - start);
        }

        var read = await socket.ReceiveAsync(buffer.AsMemory(end), SocketFlags.None);
        if (read == 0)
        {
            throw new SocketException((int)SocketError.ConnectionReset);
        }

        end += read;
    }
}
