using System.Security.Cryptography;
using Aircall.CallSync.Webhooks;

namespace Aircall.CallSync.Accounts;

/// <summary>
/// The multi-tenant token resolver: the received token's SHA-256 digest is looked up in the account store's index
/// (time independent of the number of accounts), then compared with the stored digest in constant time. Only
/// <see cref="AircallAccountStatus.Active"/> and <see cref="AircallAccountStatus.Installing"/> accounts match. A match
/// touches <see cref="AircallAccount.LastWebhookAt"/> in the background.
/// </summary>
internal sealed class AccountStoreWebhookTokenResolver : IWebhookTokenResolver
{
    private readonly IAircallAccountStore _store;
    private readonly TimeProvider _time;
    private readonly WebhookActivityRecorder? _activity;

    public AccountStoreWebhookTokenResolver(IAircallAccountStore store, TimeProvider time, WebhookActivityRecorder? activity = null)
    {
        _store = store;
        _time = time;
        _activity = activity;
    }

    public async ValueTask<WebhookTokenMatch?> ResolveAsync(string token, CancellationToken cancellationToken)
    {
        if (!StaticWebhookTokenResolver.IsWellFormed(token))
        {
            return null;
        }

        var digest = new byte[SHA256.HashSizeInBytes];
        WebhookTokenComparer.Digest(token, digest);
        var account = await _store.FindByWebhookTokenDigestAsync(digest, cancellationToken).ConfigureAwait(false);
        if (account?.WebhookTokenDigest is not { } stored
            || !CryptographicOperations.FixedTimeEquals(digest, stored)
            || account.Status is not (AircallAccountStatus.Active or AircallAccountStatus.Installing))
        {
            return null;
        }

        _activity?.Touch(account.AccountId, _time.GetUtcNow());
        return new WebhookTokenMatch(account.AccountId);
    }
}
