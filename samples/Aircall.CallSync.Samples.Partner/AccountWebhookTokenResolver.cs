using System.Security.Cryptography;
using System.Text;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.Webhooks;

namespace Aircall.CallSync.Samples.Partner;

/// <summary>
/// Interim: maps a delivery's token to its account by the token's SHA-256 digest (an index lookup in the account
/// store), accepting Active accounts only, and records when the account's last webhook arrived. To be replaced by the
/// SDK's account-backed resolver once it lands.
/// </summary>
internal sealed class AccountWebhookTokenResolver(IAircallAccountStore accounts, TimeProvider time) : IWebhookTokenResolver
{
    public async ValueTask<WebhookTokenMatch?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        var account = await accounts.FindByWebhookTokenDigestAsync(digest, cancellationToken);
        if (account is not { Status: AircallAccountStatus.Active or AircallAccountStatus.Installing, WebhookTokenDigest: { } stored }
            || !CryptographicOperations.FixedTimeEquals(stored, digest))
        {
            return null;
        }

        await accounts.RecordActivityAsync(account.AccountId, new AircallAccountActivity { WebhookAt = time.GetUtcNow() }, cancellationToken);
        return new WebhookTokenMatch(account.AccountId);
    }
}
