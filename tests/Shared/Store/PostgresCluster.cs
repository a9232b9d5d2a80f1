using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ImnmDecision.Tests.Store;

/// <summary>
/// A private PostgreSQL cluster for the tests: Debian's initdb and pg_ctl (package <c>postgresql</c>, which
/// .ci/run installs) in a temporary folder, listening on 127.0.0.1 at a free port, trust authentication, stopped
/// and deleted at the end. Run as root (CI), the server runs as the <c>postgres</c> user, as PostgreSQL requires.
/// </summary>
public sealed class PostgresCluster : IDisposable
{
    private const string User = "imnm";
    private readonly string folder;
    private readonly string binaries;
    private readonly bool asPostgresUser;

    public PostgresCluster()
    {
        binaries = Directory.Exists("/usr/lib/postgresql")
            ? Directory.EnumerateDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order(StringComparer.Ordinal).LastOrDefault() ?? string.Empty
            : string.Empty;
        if (binaries.Length == 0)
        {
            throw new InvalidOperationException("PostgreSQL is not installed: apt-get install -y postgresql (as .ci/run does).");
        }

        asPostgresUser = Environment.UserName == "root";
        folder = Path.Combine(Path.GetTempPath(), "imnm-pg-" + Guid.NewGuid().ToString("N"));
        Port = FreePort();
        Run("initdb", "-D", folder, "-U", User, "-A", "trust", "-E", "UTF8", "--no-sync");
        Run("pg_ctl", "-D", folder, "-l", Path.Combine(folder, "server.log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {folder} -c fsync=off", "start");
    }

    public int Port { get; }

    /// <summary>Creates a new empty database and returns its connection string.</summary>
    public string NewDatabase()
    {
        var name = "imnm_" + Guid.NewGuid().ToString("N");
        using (var connection = new NpgsqlConnection(ConnectionString("postgres")))
        {
            connection.Open();
            using var command = connection.CreateCommand();
#pragma warning disable CA2100 // A generated name, not input.
            command.CommandText = $"CREATE DATABASE {name}";
#pragma warning restore CA2100
            command.ExecuteNonQuery();
        }

        return ConnectionString(name);
    }

    public void Dispose()
    {
        try
        {
            Run("pg_ctl", "-D", folder, "-m", "immediate", "-w", "stop");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private string ConnectionString(string database) => $"Host=127.0.0.1;Port={Port};Username={User};Database={database};Timeout=15";

    private void Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(asPostgresUser ? "runuser" : Path.Combine(binaries, tool))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgresUser)
        {
            foreach (var arg in new[] { "-u", "postgres", "--", Path.Combine(binaries, tool) })
            {
                start.ArgumentList.Add(arg);
            }
        }

        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)) || process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} failed: {stdout.Result} {stderr.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
