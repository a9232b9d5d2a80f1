namespace ImnmDecision.Cli;

/// <summary>
/// Where the commands read and write: the process's standard streams, or, in tests, memory. Results go to
/// <see cref="OpenStandardOutput"/> as bytes; messages, progress and the summary go to <see cref="Error"/>.
/// </summary>
internal sealed class CliConsole
{
    /// <summary>Opens standard input as a stream.</summary>
    public required Func<Stream> OpenStandardInput { get; init; }

    /// <summary>Opens standard output as a stream (for results).</summary>
    public required Func<Stream> OpenStandardOutput { get; init; }

    /// <summary>Standard output as text (reports, help).</summary>
    public required TextWriter Out { get; init; }

    /// <summary>Standard error as text (progress, summary, messages).</summary>
    public required TextWriter Error { get; init; }

    /// <summary>Whether standard error is a terminal, so a progress bar can be drawn on it.</summary>
    public bool ErrorIsTerminal { get; init; }

    /// <summary>Reads an environment variable (the process's own; in tests, none unless given).</summary>
    public Func<string, string?> Environment { get; init; } = _ => null;

    /// <summary>The directory relative paths are resolved against.</summary>
    public required string WorkingDirectory { get; init; }

    /// <summary>The process's own console.</summary>
    public static CliConsole System() => new()
    {
        OpenStandardInput = Console.OpenStandardInput,
        OpenStandardOutput = Console.OpenStandardOutput,
        Out = Console.Out,
        Error = Console.Error,
        ErrorIsTerminal = !Console.IsErrorRedirected,
        Environment = global::System.Environment.GetEnvironmentVariable,
        WorkingDirectory = global::System.Environment.CurrentDirectory,
    };

    /// <summary>A path as given on the command line, made absolute.</summary>
    public string Resolve(string path) => Path.GetFullPath(path, WorkingDirectory);
}
