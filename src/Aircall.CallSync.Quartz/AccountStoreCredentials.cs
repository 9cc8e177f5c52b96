using Aircall.CallSync.Accounts;

namespace Aircall.CallSync.Quartz;

/// <summary>
/// Credentials of an installed account from the account store: its OAuth access token, tagged with its id. Registered
/// by <c>AddFleetSync</c> unless the application registered its own <see cref="IAircallCredentialProvider"/>.
/// </summary>
internal sealed class AccountStoreCredentials(IAircallAccountStore accounts) : IAircallCredentialProvider
{
    public async ValueTask<AircallCredentials> GetCredentialsAsync(string accountId, CancellationToken cancellationToken)
    {
        var account = await accounts.FindAsync(accountId, cancellationToken).ConfigureAwait(false)
            ?? throw new KeyNotFoundException($"The account store has no account '{accountId}'.");
        if (account.AccessToken is not { Length: > 0 } token)
        {
            throw new KeyNotFoundException($"Account '{accountId}' has no access token ({account.Status}): it must install the app again.");
        }

        return AircallCredentials.Bearer(token).WithAccountId(accountId);
    }
}
