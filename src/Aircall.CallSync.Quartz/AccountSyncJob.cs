using Aircall.CallSync.Accounts;
using Aircall.CallSync.Sync;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Aircall.CallSync.Quartz;

/// <summary>
/// One slice of one account's sync: takes the account's lock, runs <see cref="CallSyncRunner"/> until the slice's time or
/// request budget is spent (the runner checkpoints after every stored page), records the account's status, and puts the
/// account's trigger at its next time: soon when more remains, one interval away when caught up, an exponential back-off
/// after a failure. It never waits on a failure itself, so a failing account holds no worker.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class AccountSyncJob(
    IAircallAccountStore accounts,
    IAircallClientFactory clients,
    CallSyncRunner runner,
    AccountLocks locks,
    IOptions<AircallFleetOptions> options,
    TimeProvider time,
    IEnumerable<IAircallFleetObserver> observers,
    ILogger<AccountSyncJob>? logger = null) : IJob
{
    private const int RescheduleAttempts = 3;

    private readonly AircallFleetOptions _options = options.Value;
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var accountId = context.JobDetail.Key.Name;
        var workerId = context.Scheduler.SchedulerInstanceId;
        var failures = FleetKeys.FailuresOf(context.Trigger);
        var started = time.GetUtcNow();

        AccountLock? accountLock;
        try
        {
            var account = await accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (account is null || account.Status != AircallAccountStatus.Active)
            {
                FleetLog.AccountNotActive(_logger, accountId, account?.Status.ToString() ?? "unknown");
                await context.Scheduler.DeleteJob(context.JobDetail.Key, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            accountLock = await locks.TryAcquireAsync(accountId, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await RescheduleAsync(context, accountId, time.GetUtcNow() + _options.ContinueDelay, failures).ConfigureAwait(false);
            return;
        }
#pragma warning disable CA1031 // The account store or the lock's database failed before the slice: back off, never drop the account.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var backoff = FleetKeys.Backoff(failures + 1, _options.InitialBackoff, _options.MaxBackoff);
            FleetLog.SliceFailed(_logger, accountId, failures + 1, backoff.TotalSeconds, exception);
            await RescheduleAsync(context, accountId, time.GetUtcNow() + backoff, failures + 1).ConfigureAwait(false);
            return;
        }

        if (accountLock is null)
        {
            FleetLog.AccountBusy(_logger, accountId);
            await RescheduleAsync(context, accountId, started + _options.ContinueDelay, failures).ConfigureAwait(false);
            return;
        }

        AircallFleetSlice slice;
        await using (accountLock.ConfigureAwait(false))
        {
            await NotifyStartingAsync(accountId, workerId, cancellationToken).ConfigureAwait(false);
            slice = await RunSliceAsync(accountId, workerId, started, failures, accountLock.Lost, cancellationToken).ConfigureAwait(false);
            await NotifyCompletedAsync(slice, cancellationToken).ConfigureAwait(false);
        }

        await RecordAsync(slice, failures).ConfigureAwait(false);
        if (slice.NextRunAt is { } next)
        {
            var nextFailures = slice.Outcome is AircallFleetSliceOutcome.Failed or AircallFleetSliceOutcome.NeedsReinstall ? failures + 1 : 0;
            await RescheduleAsync(context, accountId, next, nextFailures).ConfigureAwait(false);
        }
        else
        {
            await context.Scheduler.DeleteJob(context.JobDetail.Key, CancellationToken.None).ConfigureAwait(false);
        }

        FleetLog.SliceEnded(_logger, accountId, slice.Outcome, slice.CallsWritten, slice.Requests, slice.NextRunAt);
    }

    private async Task<AircallFleetSlice> RunSliceAsync(string accountId, string workerId, DateTimeOffset started, int failures, CancellationToken lockLost, CancellationToken stopping)
    {
        using var hardCap = new CancellationTokenSource(_options.SliceDuration * 2, time);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(stopping, lockLost, hardCap.Token);
        var progress = new SliceProgress(budget, _options.SliceRequests, _options.SliceDuration, _options.MaxRateLimitWait, time);
        var outcome = AircallFleetSliceOutcome.CaughtUp;
        string? error = null;
        TimeSpan? delay = null;
        try
        {
            var client = clients.CreateClient(accountId);
            progress.Client = client;
            var sync = new CallSyncOptions { Query = _options.Query, LookBack = _options.LookBack, AccountId = accountId };
            await runner.RunAsync(client, sync, progress, budget.Token).ConfigureAwait(false);
            delay = _options.Interval;
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested || lockLost.IsCancellationRequested)
        {
            outcome = AircallFleetSliceOutcome.Stopped;
            delay = _options.ContinueDelay;
        }
        catch (OperationCanceledException) when (budget.IsCancellationRequested)
        {
            outcome = AircallFleetSliceOutcome.MoreToSync;
            delay = ContinueAfter(progress);
        }
        catch (AircallAccountUnavailableException exception)
        {
            // The credentials refused the account before any request: uninstalled, or its token was revoked earlier.
            outcome = AircallFleetSliceOutcome.Removed;
            FleetLog.AccountNotActive(_logger, accountId, exception.Status.ToString());
        }
        catch (AircallAuthenticationException exception)
        {
            // With the account store's credentials (AddAccountCredentials), a 403 has marked the account NeedsReinstall
            // and removed its job already. Still Active (credentials of your own, or a 401): back off like a failure.
            var status = await StatusAsync(accountId).ConfigureAwait(false);
            outcome = AircallFleetSliceOutcome.NeedsReinstall;
            error = $"Aircall refused the account's access token ({(int)exception.StatusCode}): install the app again.";
            delay = status == AircallAccountStatus.Active ? FleetKeys.Backoff(failures + 1, _options.InitialBackoff, _options.MaxBackoff) : null;
        }
#pragma warning disable CA1031 // A slice cut by its budget may surface as another exception than a cancellation.
        catch (Exception) when (budget.IsCancellationRequested)
#pragma warning restore CA1031
        {
            outcome = stopping.IsCancellationRequested || lockLost.IsCancellationRequested ? AircallFleetSliceOutcome.Stopped : AircallFleetSliceOutcome.MoreToSync;
            delay = outcome == AircallFleetSliceOutcome.MoreToSync ? ContinueAfter(progress) : _options.ContinueDelay;
        }
#pragma warning disable CA1031 // A failed slice backs off; the worker carries on with other accounts.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            outcome = AircallFleetSliceOutcome.Failed;
            error = Describe(exception);
            delay = FleetKeys.Backoff(failures + 1, _options.InitialBackoff, _options.MaxBackoff);
            FleetLog.SliceFailed(_logger, accountId, failures + 1, delay.Value.TotalSeconds, exception);
        }

        var ended = time.GetUtcNow();
        return new AircallFleetSlice
        {
            AccountId = accountId,
            WorkerId = workerId,
            Outcome = outcome,
            CallsWritten = progress.CallsWritten,
            Requests = progress.Requests,
            StartedAt = started,
            EndedAt = ended,
            NextRunAt = delay is { } d ? ended + d : null,
            Error = error,
        };
    }

    private async Task RecordAsync(AircallFleetSlice slice, int failures)
    {
        try
        {
            await accounts.RecordActivityAsync(slice.AccountId, new AircallAccountActivity
            {
                SyncedAt = slice.Outcome == AircallFleetSliceOutcome.CaughtUp ? slice.EndedAt : null,
                CallsSynced = slice.CallsWritten,
                NextSyncAt = slice.NextRunAt,
                Error = slice.Error,
                ErrorAt = slice.Error is null ? null : slice.EndedAt,
            }, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The status is for people; the schedule is what must not be lost.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            FleetLog.StatusNotRecorded(_logger, slice.AccountId, failures, exception);
        }
    }

    /// <summary>More to sync: soon, or when the account's budget allows its next request if the slice yielded for it.</summary>
    private TimeSpan ContinueAfter(SliceProgress progress) =>
        progress.YieldFor is { } wait && wait > _options.ContinueDelay ? wait : _options.ContinueDelay;

    private async Task<AircallAccountStatus?> StatusAsync(string accountId)
    {
        try
        {
            return (await accounts.FindAsync(accountId, CancellationToken.None).ConfigureAwait(false))?.Status;
        }
#pragma warning disable CA1031 // Unknown: the account backs off, and the next slice looks again.
        catch (Exception)
#pragma warning restore CA1031
        {
            return AircallAccountStatus.Active;
        }
    }

    private async Task RescheduleAsync(IJobExecutionContext context, string accountId, DateTimeOffset next, int failures)
    {
        // A few quick tries (a busy database); if all fail, the reconcile job sees the account's trigger later than its
        // recorded next run and repairs it.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var trigger = FleetKeys.AccountTrigger(accountId, next, _options.Interval, failures, time);
                await context.Scheduler.ScheduleTrigger(trigger, TriggerConflict.Replace, CancellationToken.None).ConfigureAwait(false);
                return;
            }
#pragma warning disable CA1031 // Retried, then left to the reconcile job.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                if (attempt == RescheduleAttempts)
                {
                    FleetLog.RescheduleFailed(_logger, accountId, exception);
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), time, CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task NotifyStartingAsync(string accountId, string workerId, CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.SliceStartingAsync(accountId, workerId, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // An observer's failure is not the slice's.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                FleetLog.ObserverFailed(_logger, accountId, exception);
            }
        }
    }

    private async Task NotifyCompletedAsync(AircallFleetSlice slice, CancellationToken cancellationToken)
    {
        foreach (var observer in observers)
        {
            try
            {
                await observer.SliceCompletedAsync(slice, cancellationToken).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // An observer's failure is not the slice's.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                FleetLog.ObserverFailed(_logger, slice.AccountId, exception);
            }
        }
    }

    private static string Describe(Exception exception)
    {
        var text = $"{exception.GetType().Name}: {exception.Message}";
        return text.Length <= 500 ? text : text[..500];
    }
}
