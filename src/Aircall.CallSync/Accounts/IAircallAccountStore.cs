namespace Aircall.CallSync.Accounts;

/// <summary>
/// Where the accounts that installed your app are kept: their access tokens (protected at rest), webhook token digests
/// and sync state. The EF Core package implements it (<c>aircall_accounts</c>); <see cref="InMemoryAircallAccountStore"/>
/// is for tests. Implementations must be thread-safe and safe for several processes sharing one database.
/// </summary>
public interface IAircallAccountStore
{
    /// <summary>The account with <paramref name="accountId"/>, or <c>null</c>.</summary>
    /// <param name="accountId">The account id (compared ordinally).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<AircallAccount?> FindAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>
    /// The account whose <see cref="AircallAccount.WebhookTokenDigest"/> equals <paramref name="digest"/>, or <c>null</c>:
    /// an exact lookup by an index, in time independent of the number of accounts. It serves every webhook delivery, which
    /// needs no secret: the account comes back without its <see cref="AircallAccount.AccessToken"/> (<c>null</c>), so a store
    /// that protects tokens at rest does not unprotect one per delivery. Read the token with <see cref="FindAsync"/>.
    /// </summary>
    /// <param name="digest">The SHA-256 digest (32 bytes) of a received token.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<AircallAccount?> FindByWebhookTokenDigestAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken);

    /// <summary>Every account, ordered by <see cref="AircallAccount.AccountId"/> (ordinal), streamed.</summary>
    /// <param name="cancellationToken">Cancels the listing.</param>
    IAsyncEnumerable<AircallAccount> ListAsync(CancellationToken cancellationToken);

    /// <summary>Inserts the account, or replaces the stored one with the same id (every member). Durable on return.</summary>
    /// <param name="account">The account.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask SaveAsync(AircallAccount account, CancellationToken cancellationToken);

    /// <summary>Applies a partial update of the account's sync state; does nothing when the account is unknown.</summary>
    /// <param name="accountId">The account id.</param>
    /// <param name="activity">What changed.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask RecordActivityAsync(string accountId, AircallAccountActivity activity, CancellationToken cancellationToken);
}
