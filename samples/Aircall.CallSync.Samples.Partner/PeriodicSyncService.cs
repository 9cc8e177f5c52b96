using Aircall.CallSync.Accounts;

namespace Aircall.CallSync.Samples.Partner;

/// <summary>
/// Keeps every Active account in sync besides what webhooks deliver: each <c>Partner:SyncInterval</c> (default five
/// minutes) it asks the SDK's <see cref="IAccountSyncScheduler"/> for a sync of every Active account, which runs
/// incrementally from the account's checkpoint (the install flow asked for the first, full backfill). The scheduler runs
/// one sync per account at a time, records each outcome on the account's row, and stops an account whose token Aircall
/// revoked (NeedsReinstall) without retrying it.
/// </summary>
internal sealed partial class PeriodicSyncService(
    IAircallAccountStore accounts, IAccountSyncScheduler scheduler, TimeProvider time, TimeSpan interval, ILogger<PeriodicSyncService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var scheduled = 0;
                await foreach (var account in accounts.ListAsync(stoppingToken))
                {
                    if (account.Status == AircallAccountStatus.Active)
                    {
                        await scheduler.ScheduleBackfillAsync(account.AccountId, stoppingToken);
                        scheduled++;
                    }
                }

                Log.Scheduled(logger, scheduled);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Scheduled the incremental sync of {Accounts} active accounts.")]
        public static partial void Scheduled(ILogger logger, int accounts);
    }
}
