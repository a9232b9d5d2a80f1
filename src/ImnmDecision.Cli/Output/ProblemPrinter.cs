using ImnmDecision.Engine.Batch;

namespace ImnmDecision.Cli.Output;

/// <summary>
/// Prints a problem document as plain lines: title, detail, then each path with its messages. The source (a file
/// name the user chose) is shown as <see cref="TerminalText"/>, so a hostile name cannot drive the terminal.
/// </summary>
internal static class ProblemPrinter
{
    public static void Print(TextWriter writer, BatchProblem problem, string? source = null)
    {
        writer.WriteLine(source is null ? problem.Title : $"{TerminalText.Of(source)}: {problem.Title}");
        if (problem.Detail is { } detail)
        {
            writer.WriteLine($"  {detail}");
        }

        foreach (var (path, messages) in problem.Errors ?? new Dictionary<string, string[]>())
        {
            foreach (var message in messages)
            {
                writer.WriteLine($"  {path}: {message}");
            }
        }
    }
}
