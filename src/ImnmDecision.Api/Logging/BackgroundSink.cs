using System.Threading.Channels;
using Serilog.Core;
using Serilog.Debugging;
using Serilog.Events;

namespace ImnmDecision.Api.Logging;

/// <summary>
/// Writes to a slow sink (the console) off the request path: an event is queued and the request goes on; one
/// worker passes the events on in order, and after each burst waits a few milliseconds so that under load it
/// wakes for many events at a time, not for each (no spinning waiter beside the request threads). Should the sink
/// fall <c>capacity</c> events behind, logging waits rather than losing lines. Disposing writes what is left, then
/// disposes the sink.
/// </summary>
internal sealed class BackgroundSink : ILogEventSink, IDisposable
{
    /// <summary>How long the worker lets events gather after a burst.</summary>
    private static readonly TimeSpan GatherFor = TimeSpan.FromMilliseconds(5);

    private readonly ILogEventSink sink;
    private readonly Channel<LogEvent> queue;
    private readonly Task worker;

    public BackgroundSink(ILogEventSink sink, int capacity)
    {
        this.sink = sink;
        queue = Channel.CreateBounded<LogEvent>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        worker = Task.Run(PassOnAsync);
    }

    public void Emit(LogEvent logEvent)
    {
        if (queue.Writer.TryWrite(logEvent))
        {
            return;
        }

        try
        {
            // Full: wait for room, as a full buffer always did.
            queue.Writer.WriteAsync(logEvent).AsTask().GetAwaiter().GetResult();
        }
        catch (ChannelClosedException)
        {
            SelfLog.WriteLine("An event was logged after the logger was disposed; it is not written.");
        }
    }

    public void Dispose()
    {
        queue.Writer.TryComplete();
        worker.GetAwaiter().GetResult();
        (sink as IDisposable)?.Dispose();
    }

    private async Task PassOnAsync()
    {
        var reader = queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var logEvent))
            {
                try
                {
                    sink.Emit(logEvent);
                }
                catch (Exception exception) when (exception is IOException or ObjectDisposedException or InvalidOperationException or FormatException)
                {
                    SelfLog.WriteLine("The console sink failed: {0}", exception);
                }
            }

            await Task.Delay(GatherFor).ConfigureAwait(false);
        }
    }
}
