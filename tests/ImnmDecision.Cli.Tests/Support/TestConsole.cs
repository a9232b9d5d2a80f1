using System.Text;

namespace ImnmDecision.Cli.Tests.Support;

/// <summary>A console in memory: standard input from bytes, standard output and error captured, in a temporary working directory.</summary>
internal sealed class TestConsole : IDisposable
{
    private readonly MemoryStream stdout = new();
    private readonly bool ownsDirectory;

    public TestConsole(string? stdin = null, string? workingDirectory = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ownsDirectory = workingDirectory is null;
        Directory = workingDirectory ?? Path.Combine(Path.GetTempPath(), "imnm-cli-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        var input = Encoding.UTF8.GetBytes(stdin ?? string.Empty);
        Console = new CliConsole
        {
            OpenStandardInput = () => new MemoryStream(input, writable: false),
            OpenStandardOutput = () => new KeepOpenStream(stdout),
            Out = Out,
            Error = Error,
            ErrorIsTerminal = false,
            WorkingDirectory = Directory,
            Environment = name => environment?.GetValueOrDefault(name),
        };
    }

    public CliConsole Console { get; }

    public string Directory { get; }

    public StringWriter Out { get; } = new();

    public StringWriter Error { get; } = new();

    /// <summary>What was written to standard output: the results stream and the text writer.</summary>
    public string Stdout => Encoding.UTF8.GetString(stdout.ToArray()) + Out;

    public Task<int> RunAsync(params string[] args) => ImnmCli.RunAsync(args, Console);

    public string PathOf(string name) => Path.Combine(Directory, name);

    public void Dispose()
    {
        stdout.Dispose();
        Out.Dispose();
        Error.Dispose();
        if (!ownsDirectory)
        {
            return; // Someone else's folder (the repository's): never delete it.
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder; leaving it behind is harmless.
        }
    }

    /// <summary>Standard output survives the command disposing it, so the test can read it afterwards.</summary>
    private sealed class KeepOpenStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => inner.Length;

        public override long Position
        {
            get => inner.Position;
            set => throw new NotSupportedException();
        }

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
