using Aircall.CallSync.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aircall.CallSync.Accounts;

/// <summary>The status changes that end an account's use: uninstall (<c>integration.deleted</c>) and a revoked token (403).</summary>
internal sealed class AccountLifecycle
{
    internal const string RevokedMessage = "Aircall refused the access token (403): an admin of the company must install the app again from Aircall's dashboard.";

    private readonly IAircallAccountStore _store;
    private readonly IServiceProvider? _services;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private IAccountSyncScheduler? _scheduler;

    public AccountLifecycle(IAircallAccountStore store, TimeProvider time, IServiceProvider? services = null, ILogger<AccountLifecycle>? logger = null, IAccountSyncScheduler? scheduler = null)
    {
        _store = store;
        _time = time;
        _services = services;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _scheduler = scheduler;
    }

    internal IAircallAccountStore Store => _store;

    // Resolved on first use: the default scheduler depends on this class.
    private IAccountSyncScheduler? Scheduler => _scheduler ??= _services?.GetService<IAccountSyncScheduler>();

    /// <summary>Marks the account uninstalled and forgets its token and webhook; its calls stay. Returns whether it changed.</summary>
    public async ValueTask<bool> UninstallAsync(string accountId, CancellationToken cancellationToken)
    {
        var account = await _store.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (account is null || account.Status == AircallAccountStatus.Uninstalled)
        {
            return false;
        }

        account.Status = AircallAccountStatus.Uninstalled;
        account.AccessToken = null;
        account.WebhookId = null;
        account.WebhookTokenDigest = null;
        account.NextSyncAt = null;
        account.UpdatedAt = _time.GetUtcNow();
        await _store.SaveAsync(account, cancellationToken).ConfigureAwait(false);
        await StopSyncAsync(accountId).ConfigureAwait(false);
        Log.AccountUninstalled(_logger, accountId);
        return true;
    }

    /// <summary>
    /// Marks the account <see cref="AircallAccountStatus.NeedsReinstall"/> after Aircall refused <paramref name="rejected"/>,
    /// unless the account has another token by now (installed again meanwhile). Returns whether it changed.
    /// </summary>
    public async ValueTask<bool> MarkRevokedAsync(string accountId, AircallCredentials? rejected, int statusCode, CancellationToken cancellationToken)
    {
        var account = await _store.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
        if (account is null || account.Status is not (AircallAccountStatus.Active or AircallAccountStatus.Installing))
        {
            return false;
        }

        if (rejected is not null && account.AccessToken is { Length: > 0 } current
            && !AircallCredentials.Bearer(current).WithAccountId(accountId).Equals(rejected))
        {
            return false;
        }

        var now = _time.GetUtcNow();
        account.Status = AircallAccountStatus.NeedsReinstall;
        account.LastError = RevokedMessage;
        account.LastErrorAt = now;
        account.NextSyncAt = null;
        account.UpdatedAt = now;
        await _store.SaveAsync(account, cancellationToken).ConfigureAwait(false);
        await StopSyncAsync(accountId).ConfigureAwait(false);
        Log.AccountNeedsReinstall(_logger, accountId, statusCode);
        return true;
    }

    private async ValueTask StopSyncAsync(string accountId)
    {
        if (Scheduler is { } scheduler)
        {
            await scheduler.StopAsync(accountId, CancellationToken.None).ConfigureAwait(false);
        }
    }
}
