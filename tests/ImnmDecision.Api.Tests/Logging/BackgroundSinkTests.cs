using System.Collections.Concurrent;
using ImnmDecision.Api.Logging;
using Serilog.Core;
using Serilog.Events;
using Serilog.Parsing;

namespace ImnmDecision.Api.Tests.Logging;

/// <summary>The console's background writer: in order, nothing lost at shutdown, and a full queue makes logging wait.</summary>
public sealed class BackgroundSinkTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public void Every_event_reaches_the_sink_in_order_and_disposing_writes_what_is_queued()
    {
        var sink = new RecordingSink();
        var background = new BackgroundSink(sink, capacity: 10_000);

        for (var i = 0; i < 5000; i++)
        {
            background.Emit(Event(i));
        }

        background.Dispose();

        sink.Numbers.Should().Equal(Enumerable.Range(0, 5000));
        sink.Disposed.Should().BeTrue("disposing the writer disposes the console sink after the last event");
    }

    [Fact]
    public async Task A_full_queue_makes_logging_wait_instead_of_dropping_lines()
    {
        var sink = new RecordingSink();
        sink.Gate.Reset();
        var background = new BackgroundSink(sink, capacity: 2);
        background.Emit(Event(0));
        sink.Entered.Wait(Limit).Should().BeTrue("the worker takes the first event and waits at the sink");
        background.Emit(Event(1));
        background.Emit(Event(2));

        var fourth = Task.Run(() => background.Emit(Event(3)));

        var first = await Task.WhenAny(fourth, Task.Delay(TimeSpan.FromMilliseconds(300)));
        first.Should().NotBeSameAs(fourth, "the queue holds two events and the sink is busy");
        sink.Gate.Set();
        await fourth.WaitAsync(Limit);
        background.Dispose();
        sink.Numbers.Should().Equal(0, 1, 2, 3);
    }

    private static LogEvent Event(int number) => new(
        DateTimeOffset.UnixEpoch, LogEventLevel.Information, null, new MessageTemplateParser().Parse("Line {Number}"),
        [new LogEventProperty("Number", new ScalarValue(number))]);

    private sealed class RecordingSink : ILogEventSink, IDisposable
    {
        private readonly ConcurrentQueue<int> numbers = new();

        public ManualResetEventSlim Gate { get; } = new(initialState: true);

        public ManualResetEventSlim Entered { get; } = new();

        public bool Disposed { get; private set; }

        public IEnumerable<int> Numbers => numbers;

        public void Emit(LogEvent logEvent)
        {
            Entered.Set();
            Gate.Wait(Limit);
            numbers.Enqueue((int)((ScalarValue)logEvent.Properties["Number"]).Value!);
        }

        public void Dispose()
        {
            Disposed = true;
            Gate.Dispose();
            Entered.Dispose();
        }
    }
}
