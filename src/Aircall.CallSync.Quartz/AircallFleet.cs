using Aircall.CallSync.Accounts;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Aircall.CallSync.Quartz;

/// <summary>
/// The fleet's jobs: one recurring sync job per installed account on the shared Quartz cluster. Call
/// <see cref="ScheduleAccountAsync"/> when an account installs (or is reinstalled) and <see cref="RemoveAccountAsync"/>
/// when it uninstalls, so the change applies at once; <see cref="ReconcileAsync"/> runs every
/// <see cref="AircallFleetOptions.ReconcileInterval"/> on one worker of the cluster and catches whatever was missed.
/// Registered by <c>AddFleetSync</c>, also as the <see cref="IAccountSyncScheduler"/> of the install flow; thread-safe.
/// </summary>
public sealed class AircallFleet : IAccountSyncScheduler
{
    private readonly ISchedulerFactory _schedulers;
    private readonly IAircallAccountStore _accounts;
    private readonly AircallFleetOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    internal AircallFleet(ISchedulerFactory schedulers, IAircallAccountStore accounts, IOptions<AircallFleetOptions> options, TimeProvider time, ILogger<AircallFleet>? logger)
    {
        _schedulers = schedulers;
        _accounts = accounts;
        _options = options.Value;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    /// <summary>
    /// Makes sure <paramref name="accountId"/> has its sync job, due now (an existing job keeps its earlier due time).
    /// Does not check the account: a job whose account is not active removes itself when it runs.
    /// </summary>
    /// <param name="accountId">The account id, as the account store keeps it.</param>
    /// <param name="cancellationToken">Cancels the scheduling.</param>
    public async Task ScheduleAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var scheduler = await SchedulerAsync(cancellationToken).ConfigureAwait(false);
        await EnsureJobAsync(scheduler, accountId, cancellationToken).ConfigureAwait(false);
        var trigger = FleetKeys.AccountTrigger(accountId, _time.GetUtcNow(), _options.Interval, failures: 0, _time);
        await scheduler.ScheduleTrigger(trigger, TriggerConflict.KeepEarlier, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc cref="ScheduleAccountAsync"/>
    ValueTask IAccountSyncScheduler.ScheduleBackfillAsync(string accountId, CancellationToken cancellationToken) =>
        new(ScheduleAccountAsync(accountId, cancellationToken));

    /// <inheritdoc cref="RemoveAccountAsync"/>
    async ValueTask IAccountSyncScheduler.StopAsync(string accountId, CancellationToken cancellationToken) =>
        await RemoveAccountAsync(accountId, cancellationToken).ConfigureAwait(false);

    /// <summary>Removes <paramref name="accountId"/>'s sync job; a slice already running finishes (it checkpoints as usual).</summary>
    /// <param name="accountId">The account id.</param>
    /// <param name="cancellationToken">Cancels the removal.</param>
    /// <returns>Whether there was a job.</returns>
    public async Task<bool> RemoveAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var scheduler = await SchedulerAsync(cancellationToken).ConfigureAwait(false);
        return await scheduler.DeleteJob(FleetKeys.JobOf(accountId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Brings the jobs in line with the account store: a job for every <see cref="AircallAccountStatus.Active"/> account,
    /// none for any other, and a trigger due now for an active account whose trigger is missing or in error, or is not
    /// running and will not fire soon (nor within the back-off of the failures it carries) although the next run its last
    /// slice recorded (<see cref="AircallAccount.NextSyncAt"/>; none recorded counts as long past) has passed by more than
    /// <see cref="AircallFleetOptions.ReconcileInterval"/>: a rescheduling lost to a crash or a database failure.
    /// </summary>
    /// <param name="cancellationToken">Cancels the reconciliation (what was done stays done).</param>
    public async Task<AircallFleetReconcileResult> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        var scheduler = await SchedulerAsync(cancellationToken).ConfigureAwait(false);
        // Each active account, with the next run its last slice recorded.
        var active = new Dictionary<string, DateTimeOffset?>(StringComparer.Ordinal);
        await foreach (var account in _accounts.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            if (account.Status == AircallAccountStatus.Active)
            {
                active[account.AccountId] = account.NextSyncAt;
            }
        }

        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in await FleetScheduler.AccountJobKeysAsync(scheduler, cancellationToken).ConfigureAwait(false))
        {
            existing.Add(key.Name);
        }

        int added = 0, removed = 0, repaired = 0;
        var now = _time.GetUtcNow();
        var tolerance = _options.ReconcileInterval + _options.ContinueDelay;
        foreach (var (accountId, nextSyncAt) in active)
        {
            if (!existing.Contains(accountId))
            {
                await EnsureJobAsync(scheduler, accountId, cancellationToken).ConfigureAwait(false);
                await scheduler.ScheduleTrigger(FleetKeys.AccountTrigger(accountId, now, _options.Interval, 0, _time), TriggerConflict.KeepEarlier, cancellationToken).ConfigureAwait(false);
                added++;
                continue;
            }

            var key = FleetKeys.TriggerOf(accountId);
            var state = await scheduler.GetTriggerState(key, cancellationToken).ConfigureAwait(false);
            if (state is TriggerState.None or TriggerState.Error or TriggerState.Complete)
            {
                await scheduler.ScheduleTrigger(FleetKeys.AccountTrigger(accountId, now, _options.Interval, 0, _time), TriggerConflict.Replace, cancellationToken).ConfigureAwait(false);
                repaired++;
            }
            else if (state == TriggerState.Normal
                && await scheduler.GetTrigger(key, cancellationToken).ConfigureAwait(false) is { } trigger
                && FleetKeys.FailuresOf(trigger) is var failures
                && FleetKeys.IsLate(trigger.NextFireTimeUtc, nextSyncAt, now, tolerance, BackoffOf(failures))
                && await IsStillLateAsync(scheduler, accountId, tolerance, cancellationToken).ConfigureAwait(false))
            {
                // Not running, its recorded next run long past, its trigger far ahead even of its back-off: the last
                // slice's rescheduling was lost (its worker died in between, or the database failed it). Due now.
                await scheduler.ScheduleTrigger(FleetKeys.AccountTrigger(accountId, now, _options.Interval, failures, _time), TriggerConflict.Replace, cancellationToken).ConfigureAwait(false);
                FleetLog.LateTriggerRepaired(_logger, accountId, now);
                repaired++;
            }
        }

        foreach (var accountId in existing)
        {
            if (!active.ContainsKey(accountId) && await scheduler.DeleteJob(FleetKeys.JobOf(accountId), cancellationToken).ConfigureAwait(false))
            {
                removed++;
            }
        }

        FleetLog.Reconciled(_logger, active.Count, added, removed, repaired);
        return new AircallFleetReconcileResult { ActiveAccounts = active.Count, Added = added, Removed = removed, Repaired = repaired };
    }

    /// <summary>The listing may predate a slice that just ended: reads the account and its trigger again before a repair.</summary>
    private async Task<bool> IsStillLateAsync(IScheduler scheduler, string accountId, TimeSpan tolerance, CancellationToken cancellationToken)
    {
        var account = await _accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (account is not { Status: AircallAccountStatus.Active })
        {
            return false;
        }

        var key = FleetKeys.TriggerOf(accountId);
        return await scheduler.GetTriggerState(key, cancellationToken).ConfigureAwait(false) == TriggerState.Normal
            && await scheduler.GetTrigger(key, cancellationToken).ConfigureAwait(false) is { } trigger
            && FleetKeys.IsLate(trigger.NextFireTimeUtc, account.NextSyncAt, _time.GetUtcNow(), tolerance, BackoffOf(FleetKeys.FailuresOf(trigger)));
    }

    private TimeSpan BackoffOf(int failures) =>
        failures > 0 ? FleetKeys.Backoff(failures, _options.InitialBackoff, _options.MaxBackoff) : TimeSpan.Zero;

    internal async ValueTask<IScheduler> SchedulerAsync(CancellationToken cancellationToken) =>
        await _schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);

    private static async Task EnsureJobAsync(IScheduler scheduler, string accountId, CancellationToken cancellationToken)
    {
        if (await scheduler.Exists(FleetKeys.JobOf(accountId), cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        try
        {
            await scheduler.AddJob(FleetKeys.AccountJob(accountId), AddJobOptions.Replacing, cancellationToken).ConfigureAwait(false);
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another worker added it in between: the same job.
        }
    }
}
