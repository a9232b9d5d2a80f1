using ImnmDecision.Cli.Output;

namespace ImnmDecision.Cli.Commands;

/// <summary>
/// The one case <c>imnm explain</c> reads (a file, or <c>-</c> for standard input), read as the API reads a body:
/// at most <see cref="MaxBytes"/> (the API's default <c>Api:MaxBodyBytes</c>), so an endless input such as
/// <c>/dev/zero</c> is refused rather than filling memory, and a UTF-8 byte order mark at its start is dropped.
/// </summary>
internal static class CaseFile
{
    /// <summary>The largest case accepted, in bytes.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The case's bytes, or null with one line on standard error (exit code 3).</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(string file, CliConsole console, CancellationToken cancellationToken)
    {
        Stream input;
        if (file == "-")
        {
            input = console.OpenStandardInput();
        }
        else if (File.Exists(console.Resolve(file)))
        {
            input = File.OpenRead(console.Resolve(file));
        }
        else
        {
            console.Error.WriteLine($"The case file '{TerminalText.Of(file)}' {InputFile.Missing(console.Resolve(file))}.");
            return null;
        }

        await using (input)
        {
            var buffer = new byte[MaxBytes + 1];
            var length = 0;
            int read;
            while (length < buffer.Length && (read = await input.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }

            if (length > MaxBytes)
            {
                console.Error.WriteLine($"The case file '{TerminalText.Of(file)}' is larger than {MaxBytes / 1024 / 1024} MiB; nothing was assessed.");
                return null;
            }

            var bytes = buffer.AsMemory(0, length);
            return bytes.Span.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;
        }
    }
}
