using Aircall.CallSync.Diagnostics;
using Aircall.CallSync.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aircall.CallSync.Sync;

/// <summary>
/// Streams every call of an account into an <see cref="ICallStore"/>, page by page, saving a checkpoint only after the
/// store has the page. Killed at any point and run again, it continues after the last stored page: no call is lost, and
/// a page stored twice is harmless (the store keeps the newest version). Once a run completes, the next one is
/// incremental: it starts from the previous upper bound minus <see cref="CallSyncOptions.LookBack"/>.
/// Memory does not grow with the number of calls. Thread-safe; run one sync per checkpoint key at a time.
/// </summary>
public sealed class CallSyncRunner
{
    private readonly ICallStore _store;
    private readonly ICheckpointStore _checkpoints;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates a runner.</summary>
    /// <param name="store">Where calls go.</param>
    /// <param name="checkpoints">Where checkpoints go; <c>null</c> for an <see cref="InMemoryCheckpointStore"/>.</param>
    /// <param name="timeProvider">The clock (elapsed times); <see cref="TimeProvider.System"/> when <c>null</c>.</param>
    /// <param name="logger">Where progress is logged.</param>
    public CallSyncRunner(ICallStore store, ICheckpointStore? checkpoints = null, TimeProvider? timeProvider = null, ILogger<CallSyncRunner>? logger = null)
    {
        _store = store ?? throw new ArgumentNullException(nameof(store));
        _checkpoints = checkpoints ?? new InMemoryCheckpointStore();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>The checkpoint key <see cref="RunAsync"/> uses when <see cref="CallSyncOptions.CheckpointKey"/> is not set.</summary>
    /// <param name="client">The account's client.</param>
    /// <param name="query">The query the key covers: its time range, filters and fetch flags. A sync of another range or
    /// other filters is another job with its own checkpoint.</param>
    public static string DefaultCheckpointKey(AircallClient client, CallQuery query)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(query);
        return $"aircall:calls:{client.AccountKey}:{query.Fingerprint()}";
    }

    /// <summary>
    /// Runs one sync: resumes an interrupted run from its checkpoint, or starts an incremental run after a completed
    /// one, or a full run the first time. Returns when every call up to the run's upper bound is stored.
    /// </summary>
    /// <param name="client">The account's client (its rate limiter is shared with every other client of the account).</param>
    /// <param name="options">What to sync; <c>null</c> for every call with a one-day look-back.</param>
    /// <param name="progress">Receives progress after each stored page.</param>
    /// <param name="cancellationToken">Stops the run between pages or during a request; the checkpoint of the last stored page stays.</param>
    /// <exception cref="AircallAuthenticationException">Aircall rejected the credentials.</exception>
    /// <exception cref="CallWindowOverflowException">More than 10,000 calls share one creation second.</exception>
    /// <exception cref="CallListInconsistentException">
    /// Aircall kept answering a page that contradicts what it said before (see <see cref="CallPageable"/>). The run is not
    /// marked complete: every page before it is stored and checkpointed, and the next run resumes from there.
    /// </exception>
    public async Task<CallSyncResult> RunAsync(AircallClient client, CallSyncOptions? options = null, IProgress<CallSyncProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        options ??= new CallSyncOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.LookBack, TimeSpan.Zero);
        var key = options.CheckpointKey ?? DefaultCheckpointKey(client, options.Query);
        var saved = SyncCheckpoint.Decode(await _checkpoints.GetAsync(key, cancellationToken).ConfigureAwait(false));
        var resumed = saved?.ResumeToken is not null;
        long? from = resumed ? saved!.RunFrom : StartOf(options, saved);
        var query = options.Query.WithRange(from is { } start ? DateTimeOffset.FromUnixTimeSeconds(start) : null, options.Query.To);
        // Until the first page, the checkpoint is the saved one: saved again (for its rate-limit state), it resumes the same.
        var checkpoint = new SyncCheckpoint
        {
            RunFrom = from,
            CompletedTo = saved?.CompletedTo,
            Page = resumed ? saved!.Page : null,
            Token = resumed ? saved!.Token : null,
        };
        if (saved?.RateLimit is { } budget)
        {
            // Before the first request: what the last process spent of the account's budget still counts here.
            client.RestoreRateLimitData(budget);
        }

        using var activity = AircallTelemetry.ActivitySource.StartActivity("Aircall call sync");
        var started = _time.GetTimestamp();
        var before = client.RateLimit;
        Log.SyncStarting(_logger, resumed ? "resuming" : saved?.CompletedTo is null ? "full" : "incremental", query.From);
        long written = 0, applied = 0;
        var pages = 0;
        DateTimeOffset to = default;
        var writes = new List<CallWrite>(CallPageable.PageSize);
        var ended = false;
        try
        {
            await foreach (var page in client.GetCallsAsync(query).AsPages(saved?.ResumeToken, cancellationToken).ConfigureAwait(false))
            {
                writes.Clear();
                foreach (var call in page.Calls)
                {
                    writes.Add(new CallWrite(call, page.Version, CallWriteSource.Batch) { AccountId = options.AccountId });
                }

                if (writes.Count > 0)
                {
                    applied += await _store.UpsertManyAsync(writes, cancellationToken).ConfigureAwait(false);
                }

                // Only now that the store has the page does the checkpoint move past it.
                checkpoint.After(page);
                // The budget spent so far goes with it; after the last page no request of this run follows.
                checkpoint.RateLimit = client.ExportRateLimitData(closed: page.IsLast);
                ended = page.IsLast;
                await _checkpoints.SetAsync(key, checkpoint.Encode(), cancellationToken).ConfigureAwait(false);
                written += writes.Count;
                pages++;
                to = page.To;
                AircallTelemetry.CallsSynced.Add(writes.Count);
                if (progress is not null)
                {
                    var stats = client.RateLimit.Since(before);
                    progress.Report(new CallSyncProgress
                    {
                        CallsSynced = page.CallsReturned,
                        CallsThisRun = written,
                        Pages = pages,
                        EstimatedTotal = page.EstimatedTotal,
                        WindowFrom = page.WindowFrom,
                        To = page.To,
                        Requests = stats.Requests,
                        RateLimitedResponses = stats.RateLimitedResponses,
                        RateLimitWait = stats.TotalWait,
                        Elapsed = _time.GetElapsedTime(started),
                    });
                }
            }
        }
        catch (Exception exception) when (!ended)
        {
            // Stopped (cancelled, failed, out of budget) after the last saved checkpoint: a request may have been spent since.
            // The checkpoint is saved again as it was, with the budget as it is now and no request to follow, so the next
            // process neither overspends nor allows for a request that was never sent. Best effort, bounded.
            await SaveFinalBudgetAsync(client, key, checkpoint, exception).ConfigureAwait(false);
            throw;
        }

        var spent = client.RateLimit.Since(before);
        var result = new CallSyncResult
        {
            CallsWritten = written,
            CallsApplied = applied,
            Pages = pages,
            Resumed = resumed,
            From = from is { } f ? DateTimeOffset.FromUnixTimeSeconds(f) : null,
            To = to,
            Requests = spent.Requests,
            RateLimitedResponses = spent.RateLimitedResponses,
            RateLimitWait = spent.TotalWait,
            Elapsed = _time.GetElapsedTime(started),
        };
        activity?.SetTag("aircall.sync.calls", written);
        Log.SyncCompleted(_logger, written, pages, result.Requests, result.Elapsed.TotalSeconds);
        return result;
    }

    private async Task SaveFinalBudgetAsync(AircallClient client, string key, SyncCheckpoint checkpoint, Exception stoppedBy)
    {
        try
        {
            checkpoint.RateLimit = client.ExportRateLimitData(closed: true);
            using var timeout = new CancellationTokenSource(FinalSaveTimeout, _time);
            await _checkpoints.SetAsync(key, checkpoint.Encode(), timeout.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            // The run's own exception is what the caller needs; the next run allows for one unrecorded request instead.
            Log.FinalBudgetNotSaved(_logger, stoppedBy.GetType().Name, exception.GetType().Name);
        }
    }

    /// <summary>How long the checkpoint saved when a run stops may take.</summary>
    private static readonly TimeSpan FinalSaveTimeout = TimeSpan.FromSeconds(5);

    private static long? StartOf(CallSyncOptions options, SyncCheckpoint? saved)
    {
        var configured = options.Query.From?.ToUnixTimeSeconds();
        if (saved?.CompletedTo is not { } completed)
        {
            return configured;
        }

        var incremental = completed - (long)Math.Ceiling(options.LookBack.TotalSeconds);
        return configured is { } lower && lower > incremental ? lower : incremental;
    }
}
