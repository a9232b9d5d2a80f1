using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ImnmDecision.Tests.Shared;

namespace ImnmDecision.Api.Tests.Infrastructure;

/// <summary>
/// The published API (<c>dotnet publish</c> output) as a real process on 127.0.0.1, started from an empty
/// folder that is not the repository: what an operator runs. Disposing stops it.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly string workingDirectory;

    private ApiProcess(Process process, string workingDirectory, Uri baseAddress)
    {
        this.process = process;
        this.workingDirectory = workingDirectory;
        BaseAddress = baseAddress;
    }

    /// <summary>The folder the API was published to (holds rules/ and appsettings.json).</summary>
    public static string PublishedFolder => PublishedOutput.Of("ImnmDecision.Api");

    public Uri BaseAddress { get; }

    /// <summary>Everything the process wrote to standard output and error so far.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Starts the published API with extra settings (<c>--Key=value</c>) and the given environment.</summary>
    public static ApiProcess Start(string environment, params string[] settings)
    {
        var port = FreePort();
        var working = Path.Combine(Path.GetTempPath(), "imnm-cwd-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(working);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = working,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(PublishedFolder, "ImnmDecision.Api.dll"));
        start.ArgumentList.Add($"--urls=http://127.0.0.1:{port}");
        foreach (var setting in settings)
        {
            start.ArgumentList.Add(setting);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = environment;
        start.Environment["DOTNET_ENVIRONMENT"] = environment;
        start.Environment["Store__SqlitePath"] = Path.Combine(working, "imnm.db");
        start.Environment["CdsHooks__PublicBaseUrl"] = $"http://127.0.0.1:{port}"; // The CDS JWT audience, required while JWT checking is on.
        var process = new Process { StartInfo = start };
        var api = new ApiProcess(process, working, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => api.Append(e.Data);
        process.ErrorDataReceived += (_, e) => api.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return api;
    }

    /// <summary>Waits until the process exits (start-up failures) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return process.ExitCode;
    }

    /// <summary>Polls <c>/health/ready</c> until it answers 200 or the process exits; returns the last status.</summary>
    public async Task<HttpStatusCode?> WaitUntilReadyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        HttpStatusCode? last = null;
        while (DateTime.UtcNow < until && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                last = response.StatusCode;
                if (last == HttpStatusCode.OK)
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        return last;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        try
        {
            Directory.Delete(workingDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open; the temporary folder is left for the system to clean.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
