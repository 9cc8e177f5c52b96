using Aircall.CallSync.Http;

namespace Aircall.CallSync.Accounts;

/// <summary>
/// Credentials of installed accounts from the account store: <c>Bearer(token).WithAccountId(accountId)</c>. Refuses
/// uninstalled accounts and accounts whose token Aircall revoked with <see cref="AircallAccountUnavailableException"/>,
/// without calling Aircall; marks an account <see cref="AircallAccountStatus.NeedsReinstall"/> when Aircall answers 403
/// to its token.
/// </summary>
internal sealed class AccountStoreCredentialProvider : IAircallCredentialProvider, ICredentialRejectionObserver
{
    private readonly IAircallAccountStore _store;
    private readonly AccountLifecycle _lifecycle;

    public AccountStoreCredentialProvider(IAircallAccountStore store, AccountLifecycle lifecycle)
    {
        _store = store;
        _lifecycle = lifecycle;
    }

    public async ValueTask<AircallCredentials> GetCredentialsAsync(string accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        var account = await _store.FindAsync(accountId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"No Aircall account '{accountId}' is installed: an admin of the company installs the app from Aircall's dashboard.");
        if (account.Status is AircallAccountStatus.NeedsReinstall or AircallAccountStatus.Uninstalled || string.IsNullOrEmpty(account.AccessToken))
        {
            throw new AircallAccountUnavailableException(accountId, account.Status == AircallAccountStatus.NeedsReinstall ? AircallAccountStatus.NeedsReinstall : AircallAccountStatus.Uninstalled);
        }

        return AircallCredentials.Bearer(account.AccessToken).WithAccountId(accountId);
    }

    public async ValueTask OnRejectedAsync(string accountId, AircallCredentials credentials, int statusCode, CancellationToken cancellationToken)
    {
        if (statusCode == 403 && credentials.Scheme == "Bearer")
        {
            await _lifecycle.MarkRevokedAsync(accountId, credentials, statusCode, cancellationToken).ConfigureAwait(false);
        }
    }
}
