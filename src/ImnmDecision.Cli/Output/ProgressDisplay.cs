using System.Diagnostics;
using System.Globalization;
using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Cli.Output;

/// <summary>
/// A one-line progress bar on standard error (only when it is a terminal): percent of the input read when its
/// size is known, rows, the current rows per second and failed rows, redrawn four times a second and erased at the end.
/// </summary>
internal sealed class ProgressDisplay : IAsyncDisposable
{
    private const int BarWidth = 28;
    private readonly TextWriter writer;
    private readonly BatchProgress progress;
    private readonly long? totalBytes;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private int width;
    private long lastRows;
    private double lastSeconds;
    private double rate;

    public ProgressDisplay(TextWriter writer, BatchProgress progress, long? totalBytes)
    {
        this.writer = writer;
        this.progress = progress;
        this.totalBytes = totalBytes is > 0 ? totalBytes : null;
        loop = RunAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
        writer.Write("\r" + new string(' ', width) + "\r");
        await writer.FlushAsync();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        try
        {
            while (await timer.WaitForNextTickAsync(stop.Token))
            {
                Draw();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped: the caller erases the line.
        }
    }

    private void Draw()
    {
        // The rate of the last moments (smoothed), not the average since the start: it shows the speed now.
        var rows = progress.Rows;
        var seconds = clock.Elapsed.TotalSeconds;
        var instant = (rows - lastRows) / Math.Max(seconds - lastSeconds, 0.001);
        rate = lastSeconds == 0 ? instant : (0.6 * rate) + (0.4 * instant);
        lastRows = rows;
        lastSeconds = seconds;
        string line;
        if (totalBytes is { } total)
        {
            var fraction = Math.Clamp(progress.BytesRead / (double)total, 0, 1);
            var filled = (int)(fraction * BarWidth);
            line = string.Create(CultureInfo.InvariantCulture,
                $"{fraction,4:P0} [{new string('#', filled)}{new string('.', BarWidth - filled)}] {rows:N0} rows  {rate:N0} rows/s  {progress.Failed:N0} failed");
        }
        else
        {
            line = string.Create(CultureInfo.InvariantCulture, $"{rows:N0} rows  {rate:N0} rows/s  {progress.Failed:N0} failed");
        }

        width = Math.Max(width, line.Length);
        writer.Write("\r" + line.PadRight(width));
        writer.Flush();
    }
}
