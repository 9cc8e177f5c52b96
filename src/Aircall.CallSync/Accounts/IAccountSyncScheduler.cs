namespace Aircall.CallSync.Accounts;

/// <summary>
/// Runs the syncs of installed accounts. The install flow asks for the first backfill; uninstall and a revoked token stop
/// an account's sync. The default runs <see cref="Sync.CallSyncRunner"/> in the background of this process and records
/// the outcome with <see cref="IAircallAccountStore.RecordActivityAsync"/>; replace it (a job engine, a queue) by
/// registering yours before or after <c>AddPartnerAccounts</c>. Implementations must be thread-safe and return quickly:
/// they are called from HTTP requests.
/// </summary>
public interface IAccountSyncScheduler
{
    /// <summary>Schedules a sync of every call of the account (the first backfill; later runs are incremental from the
    /// checkpoint). Returns once scheduled, not when done. A sync already running for the account is not duplicated.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the scheduling (not the sync).</param>
    ValueTask ScheduleBackfillAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>Stops the account's sync, running or scheduled (uninstalled, or its token was revoked). Stored calls stay.</summary>
    /// <param name="accountId">The account.</param>
    /// <param name="cancellationToken">Cancels the request to stop.</param>
    ValueTask StopAsync(string accountId, CancellationToken cancellationToken);
}
