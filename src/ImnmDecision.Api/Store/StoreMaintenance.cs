using ImnmDecision.Store;
using Microsoft.Extensions.Options;

namespace ImnmDecision.Api.Store;

/// <summary>Deletes stored entries older than <c>Store:RetentionDays</c> and expired JWT ids, at start and hourly.</summary>
internal sealed partial class StoreMaintenance(StoreState state, IOptions<StoreOptions> options, TimeProvider clock, ILogger<StoreMaintenance> logger)
    : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await PurgeHourlyAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping. When start-up fails (the port is taken), the host disposes this service without stopping
            // it first and would log the cancelled wait as a failure with a stack trace beside the one fatal line.
        }
    }

    private async Task PurgeHourlyAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, clock);
        do
        {
            if (state.Store is not { } store)
            {
                continue;
            }

            try
            {
                var deleted = await store.PurgeAsync(clock.GetUtcNow(), options.Value.RetentionDays, stoppingToken);
                LogPurged(deleted, options.Value.RetentionDays);
            }
            catch (System.Data.Common.DbException exception)
            {
                LogPurgeFailed(exception.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Store retention: {DeletedRows} rows older than {RetentionDays} days or expired deleted")]
    private partial void LogPurged(int deletedRows, int retentionDays);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Store retention purge failed ({ExceptionType}); retried in an hour")]
    private partial void LogPurgeFailed(string exceptionType);
}
