using System.Net;
using System.Text;
using ImnmDecision.Api.Store;
using ImnmDecision.Api.Tests.Infrastructure;
using ImnmDecision.Store;
using ImnmDecision.Tests.Store;
using Microsoft.Extensions.Logging;

namespace ImnmDecision.Api.Tests.Store;

/// <summary>
/// The audit queue: answers never wait for the store, yet no entry is lost silently. Every queued entry is
/// written (in batches), a full or closed queue counts and logs what it could not take, the queue is drained
/// when the service stops, and the audit summary sees every answer given before it.
/// </summary>
public sealed class AuditQueueTests
{
    [Fact]
    public async Task Entries_queued_from_many_requests_at_once_are_all_written()
    {
        var (state, path) = await OpenAsync();
        var logger = new ListLogger<AuditQueue>();
        var queue = new AuditQueue(state, logger);
        queue.Start();

        Parallel.For(0, 3000, i => queue.Enqueue(Entry(i)));
        await queue.FlushAsync();

        (await Count(path)).Should().Be(3000, "flushing waits for every entry queued before it");
        queue.Dropped.Should().Be(0);
        await queue.DrainAsync();
        logger.Entries.Should().BeEmpty();
        await state.Store!.DisposeAsync();
    }

    [Fact]
    public async Task A_full_queue_counts_and_logs_the_entries_it_could_not_take()
    {
        var (state, path) = await OpenAsync();
        var logger = new ListLogger<AuditQueue>();
        var queue = new AuditQueue(state, logger, capacity: 10);

        for (var i = 0; i < 13; i++)
        {
            queue.Enqueue(Entry(i));
        }

        queue.Dropped.Should().Be(3);
        queue.Start();
        await queue.DrainAsync();

        (await Count(path)).Should().Be(10);
        logger.Entries.Should().ContainSingle().Which.Should().Be((LogLevel.Error, "3 audit entries not written: the audit queue (10 entries) was full or closed"));
        await state.Store!.DisposeAsync();
    }

    [Fact]
    public async Task An_entry_after_the_queue_was_drained_is_counted_and_logged_at_once()
    {
        var (state, path) = await OpenAsync();
        var logger = new ListLogger<AuditQueue>();
        var queue = new AuditQueue(state, logger);
        queue.Start();
        queue.Enqueue(Entry(1));
        await queue.DrainAsync();

        queue.Enqueue(Entry(2));

        (await Count(path)).Should().Be(1, "the entry queued before the drain is written by it");
        queue.Dropped.Should().Be(1);
        logger.Entries.Should().ContainSingle().Which.Message.Should().StartWith("1 audit entries not written");
        await state.Store!.DisposeAsync();
    }

    [Fact]
    public async Task The_entry_of_the_last_answer_before_the_service_stops_is_written()
    {
        var path = OpenTestAccess.NewSqlitePath();
        using (var factory = new StoreApiFactory(new Dictionary<string, string?> { ["Store:SqlitePath"] = path }))
        {
            using var client = factory.CreateClient();
            using var body = new StringContent(Cases.HmgcrStatinExposed, Encoding.UTF8, "application/json");
            (await client.PostAsync(new Uri("/api/v1/assessments", UriKind.Relative), body)).StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var rows = await StoreRows.ReadAsync(path, null, "SELECT door, subtype, cases FROM audit");
        rows.Should().ContainSingle().Which.Should().Equal("single", "anti-hmgcr-statin-exposed", "1");
    }

    private static async Task<(StoreState State, string Path)> OpenAsync()
    {
        var path = OpenTestAccess.NewSqlitePath();
        var state = new StoreState();
        state.Opened(await DecisionStore.OpenAsync(new StoreOptions { SqlitePath = path }, Path.GetTempPath()));
        return (state, path);
    }

    private static async Task<int> Count(string path) =>
        int.Parse((await StoreRows.ReadAsync(path, null, "SELECT COUNT(*) FROM audit"))[0][0]!, System.Globalization.CultureInfo.InvariantCulture);

    private static AuditRecord Entry(int i) =>
        new(Guid.NewGuid(), DateTimeOffset.UtcNow, AuditEntries.SingleDoor, null, "imnm-core@test", "anti-srp", "meets-criteria", "dysphagia", 0.5 + i, 1, 0);
}
