using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using System.Threading.Channels;

namespace ImnmDecision.Benchmarks.Load;

/// <summary>
/// An open-loop load generator: a pacer releases one POST every 1/rate seconds (whether or not earlier answers
/// have come back) to a queue that a bounded number of keep-alive connections serve; each latency is measured
/// from the moment the request was due, so a stalled server is not hidden by a waiting client. Plain sockets and
/// a prepared request keep the client's own cost small beside the server's. Prints one JSON line with the
/// percentiles. Bounded by its duration; it only targets the address given (the load test passes 127.0.0.1).
/// </summary>
internal static partial class FixedRateClient
{
    public static async Task<int> RunAsync(Uri url, string bodyFile, double rate, double seconds, int connections)
    {
        var body = await File.ReadAllBytesAsync(bodyFile);
        var head = Encoding.ASCII.GetBytes(
            $"POST {url.PathAndQuery} HTTP/1.1\r\nHost: {url.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
        byte[] request = [.. head, .. body];
        var endpoint = new IPEndPoint(IPAddress.Parse(url.Host), url.Port);

        // Warm the connections and the server's paths, unmeasured; then the measured run.
        await RunOnceAsync(endpoint, request, rate, Math.Max(1, seconds / 4), connections);
        var (latencies, errors, lateSends) = await RunOnceAsync(endpoint, request, rate, seconds, connections);
        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"rate\":{rate:F0},\"sent\":{latencies.Length},\"errors\":{errors},\"lateSends\":{lateSends},\"p50Ms\":{Percentile(latencies, 0.50):F3},\"p90Ms\":{Percentile(latencies, 0.90):F3},\"p99Ms\":{Percentile(latencies, 0.99):F3},\"p999Ms\":{Percentile(latencies, 0.999):F3},\"maxMs\":{latencies[^1]:F3}}}"));
        return errors == 0 ? 0 : 1;
    }

    private static async Task<(double[] Latencies, int Errors, int LateSends)> RunOnceAsync(IPEndPoint endpoint, byte[] request, double rate, double seconds, int connections)
    {
        var total = (int)(rate * seconds);
        var latencies = new double[total];
        var due = Channel.CreateUnbounded<(int Index, long Due)>(new UnboundedChannelOptions { SingleWriter = true });
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(() => WorkAsync(endpoint, request, due.Reader, latencies))).ToArray();
        var lateSends = await Task.Factory.StartNew(() => Pace(due.Writer, rate, total), TaskCreationOptions.LongRunning);
        var errors = (await Task.WhenAll(workers)).Sum();
        return (latencies, errors, lateSends);
    }

    /// <summary>Releases request i at start + i/rate, sleeping (not spinning) in between; counts releases over 1 ms late.</summary>
    private static int Pace(ChannelWriter<(int Index, long Due)> writer, double rate, int total)
    {
        var ticksPerRequest = Stopwatch.Frequency / rate;
        var start = Stopwatch.GetTimestamp();
        var late = 0;
        for (var i = 0; i < total; i++)
        {
            var due = start + (long)(i * ticksPerRequest);
            var wait = due - Stopwatch.GetTimestamp();
            if (wait > 0)
            {
                _ = Sleep((uint)(wait * 1_000_000 / Stopwatch.Frequency));
            }
            else if (-wait > Stopwatch.Frequency / 1000)
            {
                late++;
            }

            writer.TryWrite((i, due));
        }

        writer.Complete();
        return late;
    }

    private static async Task<int> WorkAsync(IPEndPoint endpoint, byte[] request, ChannelReader<(int Index, long Due)> due, double[] latencies)
    {
        var errors = 0;
        var response = new ResponseReader();
        Socket? socket = null;
        try
        {
            await foreach (var (index, at) in due.ReadAllAsync())
            {
                try
                {
                    if (socket is null)
                    {
                        socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                        await socket.ConnectAsync(endpoint);
                        response.Reset();
                    }

                    await socket.SendAsync(request, SocketFlags.None);
                    if (await response.ReadAsync(socket) != 200)
                    {
                        errors++;
                    }
                }
                catch (SocketException)
                {
                    errors++;
                    socket?.Dispose();
                    socket = null;
                }

                latencies[index] = Stopwatch.GetElapsedTime(at).TotalMilliseconds;
            }
        }
        finally
        {
            socket?.Dispose();
        }

        return errors;
    }

    private static double Percentile(double[] sorted, double fraction) =>
        sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(fraction * sorted.Length) - 1)];

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int Sleep(uint microseconds);
}
