using Aircall.CallSync.Diagnostics;
using Aircall.CallSync.Paging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Sync;

/// <summary>
/// Runs <see cref="CallSyncRunner"/> for the configured account every <see cref="AircallBatchSyncOptions.Interval"/>.
/// A failed run is logged and the next one resumes from the last checkpoint; the host keeps running.
/// </summary>
internal sealed class CallSyncBackgroundService(
    AircallClient client,
    ICallStore store,
    ICheckpointStore checkpoints,
    IOptions<AircallBatchSyncOptions> options,
    TimeProvider timeProvider,
    ILoggerFactory? loggers = null) : BackgroundService
{
    private readonly ILogger _logger = loggers?.CreateLogger<CallSyncBackgroundService>() ?? NullLogger<CallSyncBackgroundService>.Instance;

    /// <summary>Completed runs (for tests and health checks).</summary>
    internal int CompletedRuns => Volatile.Read(ref _completedRuns);

    /// <summary>The last run's result, or <c>null</c>.</summary>
    internal CallSyncResult? LastResult { get; private set; }

    private int _completedRuns;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (checkpoints is InMemoryCheckpointStore)
        {
            Log.VolatileCheckpoints(_logger);
        }

        var runner = new CallSyncRunner(store, checkpoints, timeProvider, loggers?.CreateLogger<CallSyncRunner>());
        var query = settings.Query.WithRange(settings.From, null);
        var runOptions = new CallSyncOptions { Query = query, LookBack = settings.LookBack };
        if (!settings.RunOnStart)
        {
            await Task.Delay(settings.Interval, timeProvider, stoppingToken).ConfigureAwait(false);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                LastResult = await runner.RunAsync(client, runOptions, progress: null, stoppingToken).ConfigureAwait(false);
                Interlocked.Increment(ref _completedRuns);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A background sync must outlive one failed run.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.SyncFailed(_logger, exception);
            }

            try
            {
                await Task.Delay(settings.Interval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
