using System.Collections.Concurrent;
using Aircall.CallSync.Diagnostics;
using Aircall.CallSync.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Accounts;

/// <summary>
/// The default <see cref="IAccountSyncScheduler"/>: one background <see cref="CallSyncRunner"/> run per account in this
/// process, never two at once for an account (a request during a run queues one more run). Records each outcome in the
/// account store. A revoked token (403) stops the account at once: no retry. Stopped when the host disposes it.
/// </summary>
internal sealed class InProcessAccountSyncScheduler : IAccountSyncScheduler, IAsyncDisposable, IDisposable
{
    private const int MaxErrorLength = 500;

    private readonly IAircallClientFactory _clients;
    private readonly CallSyncRunner _runner;
    private readonly IAircallAccountStore _store;
    private readonly AccountLifecycle _lifecycle;
    private readonly IOptionsMonitor<AircallAccountsOptions> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Run> _runs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    public InProcessAccountSyncScheduler(
        IAircallClientFactory clients,
        CallSyncRunner runner,
        IAircallAccountStore store,
        AccountLifecycle lifecycle,
        IOptionsMonitor<AircallAccountsOptions> options,
        TimeProvider time,
        ILogger<InProcessAccountSyncScheduler>? logger = null)
    {
        _clients = clients;
        _runner = runner;
        _store = store;
        _lifecycle = lifecycle;
        _options = options;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public ValueTask ScheduleBackfillAsync(string accountId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
        lock (_gate)
        {
            if (_runs.TryGetValue(accountId, out var running) && !running.Task.IsCompleted)
            {
                running.Again = true;
                return ValueTask.CompletedTask;
            }

            var run = new Run(CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token));
            _runs[accountId] = run;
            run.Task = Task.Run(() => RunAsync(accountId, run), CancellationToken.None);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask StopAsync(string accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        Run? run;
        lock (_gate)
        {
            if (_runs.Remove(accountId, out run))
            {
                run.Again = false;
            }
        }

        // Not awaited: the caller may be the run itself (a 403 inside the sync marks the account and stops it).
        run?.Cancel();
        return ValueTask.CompletedTask;
    }

    /// <summary>Completes when the account's current run (if any) has ended (tests).</summary>
    internal Task WhenIdleAsync(string accountId)
    {
        lock (_gate)
        {
            return _runs.TryGetValue(accountId, out var run) ? run.Task : Task.CompletedTask;
        }
    }

    /// <summary>Stops every run without waiting for it (a synchronous container disposal).</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            if (!_stopping.IsCancellationRequested)
            {
                _stopping.Cancel();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[] tasks;
        lock (_gate)
        {
            if (!_stopping.IsCancellationRequested)
            {
                _stopping.Cancel();
            }

            tasks = [.. _runs.Values.Select(static run => run.Task)];
        }

        try
        {
            await Task.WhenAll(tasks).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task RunAsync(string accountId, Run run)
    {
        await Task.Yield();
        try
        {
            do
            {
                run.Again = false;
                await SyncOnceAsync(accountId, run.Token).ConfigureAwait(false);
            }
            while (run.Again && !run.Token.IsCancellationRequested);
        }
        finally
        {
            lock (_gate)
            {
                if (_runs.TryGetValue(accountId, out var current) && ReferenceEquals(current, run))
                {
                    _runs.Remove(accountId);
                }
            }

            run.Dispose();
        }
    }

    private async Task SyncOnceAsync(string accountId, CancellationToken cancellationToken)
    {
        try
        {
            var client = _clients.CreateClient(accountId);
            var result = await _runner.RunAsync(client, new CallSyncOptions { AccountId = accountId, Query = _options.CurrentValue.BackfillQuery }, null, cancellationToken).ConfigureAwait(false);
            await _store.RecordActivityAsync(accountId, new AircallAccountActivity { SyncedAt = _time.GetUtcNow(), CallsSynced = result.CallsWritten }, CancellationToken.None).ConfigureAwait(false);
            Log.AccountSyncCompleted(_logger, accountId, result.CallsWritten);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped (uninstall, revoked token, shutdown).
        }
        catch (AircallAccountUnavailableException)
        {
            // Uninstalled or revoked: nothing to do until an admin installs again.
        }
        catch (AircallAuthenticationException exception)
        {
            // Never retried: the token is revoked until an admin installs again.
            await _lifecycle.MarkRevokedAsync(accountId, null, (int)exception.StatusCode, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Log.AccountSyncFailed(_logger, exception, accountId);
            try
            {
                await _store.RecordActivityAsync(accountId, new AircallAccountActivity { Error = Describe(exception), ErrorAt = _time.GetUtcNow() }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception recordFailure)
            {
                Log.AccountSyncFailed(_logger, recordFailure, accountId);
            }
        }
    }

    internal static string Describe(Exception exception)
    {
        var text = "Sync failed: " + exception.Message;
        return text.Length <= MaxErrorLength ? text : text[..MaxErrorLength] + "...";
    }

    private sealed class Run(CancellationTokenSource cancellation) : IDisposable
    {
        private int _disposed;

        public Task Task { get; set; } = Task.CompletedTask;

        public volatile bool Again;

        public CancellationToken Token { get; } = cancellation.Token;

        public void Cancel()
        {
            if (Volatile.Read(ref _disposed) == 0)
            {
                try
                {
                    cancellation.Cancel();
                }
                catch (ObjectDisposedException)
                {
                    // The run ended meanwhile.
                }
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                cancellation.Dispose();
            }
        }
    }
}
