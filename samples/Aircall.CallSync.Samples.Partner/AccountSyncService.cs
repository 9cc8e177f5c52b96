using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.Sync;

namespace Aircall.CallSync.Samples.Partner;

/// <summary>
/// Keeps every installed account's calls in the database besides what webhooks deliver: the first backfill of an account
/// when its install asks for it (<see cref="RequestBackfill"/>), then an incremental sync of every Active account each
/// <c>Partner:SyncInterval</c> (default five minutes). A few accounts sync at a time (<c>Partner:SyncConcurrency</c>,
/// default 4); each account's own rate limit is kept by the SDK. One sync per account at a time.
/// </summary>
internal sealed partial class AccountSyncService(
    IAircallAccountStore accounts,
    IAircallClientFactory clients,
    CallSyncRunner runner,
    TimeProvider time,
    IConfiguration configuration,
    ILogger<AccountSyncService> logger) : BackgroundService
{
    private readonly Channel<string> _requests = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots = new(Math.Clamp(configuration.GetValue("Partner:SyncConcurrency", 4), 1, 64));
    private long _completed;

    /// <summary>How often every Active account is synced.</summary>
    public TimeSpan Interval { get; } = configuration.GetValue("Partner:SyncInterval", TimeSpan.FromMinutes(5)) is { } interval && interval > TimeSpan.Zero
        ? interval
        : throw new InvalidOperationException("Partner:SyncInterval must be a positive TimeSpan, e.g. 00:05:00.");

    /// <summary>Syncs that finished (successfully or not) since the start, for the demo's progress.</summary>
    public long Completed => Interlocked.Read(ref _completed);

    /// <summary>Asks for a sync of <paramref name="accountId"/> soon (its backfill, the first time). Never blocks.</summary>
    public void RequestBackfill(string accountId) => _requests.Writer.TryWrite(accountId);

    public override void Dispose()
    {
        _slots.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var requested = ServeRequestsAsync(stoppingToken);
        using var timer = new PeriodicTimer(Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var due = new List<string>();
                await foreach (var account in accounts.ListAsync(stoppingToken))
                {
                    if (account.Status == AircallAccountStatus.Active)
                    {
                        due.Add(account.AccountId);
                    }
                }

                await Task.WhenAll(due.Select(id => SyncAsync(id, stoppingToken)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await requested;
    }

    private async Task ServeRequestsAsync(CancellationToken stoppingToken)
    {
        var inFlight = new List<Task>();
        try
        {
            await foreach (var accountId in _requests.Reader.ReadAllAsync(stoppingToken))
            {
                inFlight.RemoveAll(task => task.IsCompleted);
                inFlight.Add(SyncAsync(accountId, stoppingToken));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }

        await Task.WhenAll(inFlight);
    }

    /// <summary>One sync of one account; its outcome goes to the account's row (last sync, calls synced, last error).</summary>
    private async Task SyncAsync(string accountId, CancellationToken stoppingToken)
    {
        if (!_running.TryAdd(accountId, 0))
        {
            return; // the sync under way covers this request
        }

        try
        {
            await _slots.WaitAsync(stoppingToken);
            try
            {
                await SyncNowAsync(accountId, stoppingToken);
            }
            finally
            {
                _slots.Release();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            _running.TryRemove(accountId, out _);
            Interlocked.Increment(ref _completed);
        }
    }

    private async Task SyncNowAsync(string accountId, CancellationToken stoppingToken)
    {
        var account = await accounts.FindAsync(accountId, stoppingToken);
        if (account is null || account.Status is AircallAccountStatus.Uninstalled or AircallAccountStatus.NeedsReinstall)
        {
            return; // uninstalled, or its token was refused: nothing to sync until it is installed again
        }

        try
        {
            // The client asks the credential provider for the account's token on every request, and shares the account's
            // rate limiter with every other client of it (the webhook path makes none).
            var client = clients.CreateClient(accountId);
            var result = await runner.RunAsync(client, new CallSyncOptions { AccountId = accountId }, cancellationToken: stoppingToken);
            var now = time.GetUtcNow();
            await accounts.RecordActivityAsync(accountId, new AircallAccountActivity { SyncedAt = now, CallsSynced = result.CallsApplied, NextSyncAt = now + Interval }, stoppingToken);
            Log.Synced(logger, accountId, result.CallsWritten, result.Pages);
        }
        catch (AircallAuthenticationException exception) when (exception.StatusCode == HttpStatusCode.Forbidden)
        {
            // Aircall revoked the token: stop syncing the account (no retry storm) until an admin installs the app again.
            var now = time.GetUtcNow();
            if (await accounts.FindAsync(accountId, stoppingToken) is { } refused && refused.Status == AircallAccountStatus.Active)
            {
                refused.Status = AircallAccountStatus.NeedsReinstall;
                refused.UpdatedAt = now;
                await accounts.SaveAsync(refused, stoppingToken);
            }

            await accounts.RecordActivityAsync(accountId, new AircallAccountActivity { Error = "Aircall refused the account's access token (403): install the app again from the Aircall dashboard.", ErrorAt = now }, stoppingToken);
            Log.TokenRefused(logger, accountId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // The next interval retries; the message says what happened (the SDK's messages carry no token or URL secret).
            await accounts.RecordActivityAsync(accountId, new AircallAccountActivity { Error = exception.Message, ErrorAt = time.GetUtcNow() }, stoppingToken);
            Log.SyncFailed(logger, exception, accountId);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Synced account {AccountId}: {Calls} calls in {Pages} pages.")]
        public static partial void Synced(ILogger logger, string accountId, long calls, int pages);

        [LoggerMessage(2, LogLevel.Warning, "Aircall refused the token of account {AccountId} (403): it needs a new install; its sync stopped.")]
        public static partial void TokenRefused(ILogger logger, string accountId);

        [LoggerMessage(3, LogLevel.Warning, "The sync of account {AccountId} failed; the next interval retries.")]
        public static partial void SyncFailed(ILogger logger, Exception exception, string accountId);
    }
}
