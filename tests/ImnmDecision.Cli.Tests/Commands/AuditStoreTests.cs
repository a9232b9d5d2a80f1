using ImnmDecision.Cli.Tests.Support;
using ImnmDecision.Tests.Store;

namespace ImnmDecision.Cli.Tests.Commands;

/// <summary>The PostgreSQL cluster shared by the CLI's store tests.</summary>
[CollectionDefinition(Name)]
public sealed class CliPostgresTests : ICollectionFixture<PostgresCluster>
{
    public const string Name = "CLI PostgreSQL";
}

/// <summary>
/// imnm score and imnm explain write their audit entries (door cli, a cohort as one entry with counts, no patient
/// data) to the store given by --store or the environment, on SQLite and PostgreSQL alike.
/// </summary>
[Collection(CliPostgresTests.Name)]
public sealed class AuditStoreTests(PostgresCluster postgres)
{
    private const string Case = """
        { "caseId": "audit-case-91", "ck": { "value": 8400, "unit": "U/L", "upperLimitOfNormal": 200 },
          "antibodies": { "hmgcr": "positive", "srp": "negative" }, "statin": { "exposure": "current" },
          "clinical": { "proximalWeakness": "severe", "dysphagia": true } }
        """;

    private const string AuditColumns = "SELECT door, client_id, ruleset_tag, subtype, certainty, alert_ids, cases, errors, assessment_id FROM audit";

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Score_WithAStore_WritesOneCliEntryWithTheCohortsCounts(string provider)
    {
        var (environment, flag, read) = StoreFor(provider);
        using var console = new TestConsole(environment: environment);
        string[] args = ["score", Path.Combine(Repository.Cohorts, "example-errors.csv"), "-o", console.PathOf("out.csv"), "--rules", Repository.Rules];

        var exit = await console.RunAsync([.. args, .. flag]);

        exit.Should().Be(1, "the cohort holds rows with errors");
        var rows = await read(AuditColumns);
        var entry = rows.Should().ContainSingle("a scored cohort is one entry").Subject;
        entry[0].Should().Be("cli");
        entry[1].Should().BeNull();
        entry[2].Should().StartWith("imnm-core@");
        (entry[3], entry[4], entry[5]).Should().Be(((string?)null, (string?)null, (string?)null), "a cohort's entry holds counts, not one case's answer");
        var records = File.ReadAllLines(Path.Combine(Repository.Cohorts, "example-errors.csv")).Skip(1).Count(l => l.Length > 0);
        long.Parse(entry[6]!, System.Globalization.CultureInfo.InvariantCulture).Should().Be(records, "one count per input record");
        long.Parse(entry[7]!, System.Globalization.CultureInfo.InvariantCulture).Should().BePositive();
        string.Join("|", entry).Should().NotContain("err-0", "no caseId reaches the store");
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("postgres")]
    public async Task Explain_WithAStore_WritesTheAssessmentsSubtypeCertaintyAndAlerts(string provider)
    {
        var (environment, flag, read) = StoreFor(provider);
        using var console = new TestConsole(environment: environment);
        await File.WriteAllTextAsync(console.PathOf("case.json"), Case);

        var exit = await console.RunAsync(["explain", console.PathOf("case.json"), "--rules", Repository.Rules, .. flag]);

        exit.Should().Be(0);
        var entry = (await read(AuditColumns)).Should().ContainSingle().Subject;
        entry[0].Should().Be("cli");
        var report = console.Out.ToString();
        report.Should().Contain($"`{entry[3]}`, certainty `{entry[4]}`", "the entry's subtype and certainty are the ones the report shows");
        entry[5]!.Split(',').Should().Contain("dysphagia");
        (entry[6], entry[7]).Should().Be(("1", "0"));
        string.Join("|", entry).Should().NotContain("audit-case-91");
    }

    [Fact]
    public async Task Score_WithoutAStore_WritesNoStoreFile()
    {
        using var console = new TestConsole();

        var exit = await console.RunAsync("score", Path.Combine(Repository.Cohorts, "example.csv"), "-o", console.PathOf("out.csv"), "--rules", Repository.Rules);

        exit.Should().Be(0);
        Directory.EnumerateFiles(console.Directory, "*", SearchOption.AllDirectories).Select(Path.GetFileName).Should().Equal("out.csv");
    }

    [Fact]
    public async Task Score_WithAnUnreachableStore_ExitsSixtyNineBeforeScoring()
    {
        var environment = new Dictionary<string, string?> { ["Store__ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=2" };
        using var console = new TestConsole(environment: environment);

        var exit = await console.RunAsync("score", Path.Combine(Repository.Cohorts, "example.csv"), "-o", console.PathOf("out.csv"), "--rules", Repository.Rules);

        exit.Should().Be(69);
        console.Error.ToString().Should().Contain("the audit store cannot be used").And.Contain("nothing was assessed").And.NotContain("   at ");
        File.Exists(console.PathOf("out.csv")).Should().BeFalse();
    }

    private (Dictionary<string, string?> Environment, string[] Flag, Func<string, Task<List<string?[]>>> Read) StoreFor(string provider)
    {
        if (provider == "postgres")
        {
            var connection = postgres.NewDatabase();
            return (new() { ["Store__ConnectionString"] = connection }, [], sql => StoreRows.ReadAsync(null, connection, sql));
        }

        var file = Path.Combine(Path.GetTempPath(), "imnm-cli-store", Guid.NewGuid().ToString("N") + ".db");
        return ([], ["--store", file], sql => StoreRows.ReadAsync(file, null, sql));
    }
}
