using Aircall.CallSync.Diagnostics;
using Aircall.CallSync.Storage;
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
    CallSyncRunner runner,
    ICheckpointStore checkpoints,
    IOptions<AircallBatchSyncOptions> options,
    TimeProvider timeProvider,
    ILogger<CallSyncBackgroundService>? logger = null) : BackgroundService
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (checkpoints is InMemoryCheckpointStore)
        {
            Log.VolatileCheckpoints(_logger);
        }

        if (!settings.RunOnStart)
        {
            Log.NextSyncDue(_logger, timeProvider.GetUtcNow() + settings.Interval, settings.Interval.TotalSeconds);
            await Task.Delay(settings.Interval, timeProvider, stoppingToken).ConfigureAwait(false);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await runner.RunAsync(client, settings, progress: null, stoppingToken).ConfigureAwait(false);
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
                Log.NextSyncDue(_logger, timeProvider.GetUtcNow() + settings.Interval, settings.Interval.TotalSeconds);
                await Task.Delay(settings.Interval, timeProvider, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
