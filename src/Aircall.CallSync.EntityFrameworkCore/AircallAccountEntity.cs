using Aircall.CallSync.Accounts;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// An installed account as the <c>aircall_accounts</c> table holds it, written by
/// <see cref="EntityFrameworkCoreAccountStore{TContext}"/>: the <see cref="AircallAccount"/> with its access token
/// protected (<see cref="ProtectedAccessToken"/>). Read the rows with LINQ if you like; write them only through the store.
/// </summary>
public sealed class AircallAccountEntity
{
    /// <summary>The account id (primary key); see <see cref="AircallAccount.AccountId"/>.</summary>
    public string AccountId { get; set; } = string.Empty;

    /// <summary>Aircall's company id; see <see cref="AircallAccount.CompanyId"/>.</summary>
    public long? CompanyId { get; set; }

    /// <summary>The integration's name; see <see cref="AircallAccount.Name"/>.</summary>
    public string? Name { get; set; }

    /// <summary>Where the account stands, stored as its number.</summary>
    public AircallAccountStatus Status { get; set; }

    /// <summary>
    /// The access token as the store's <see cref="IAccessTokenProtector"/> protected it (ASP.NET Core Data Protection by
    /// default): never the token itself. <c>null</c> when the account has none.
    /// </summary>
    public string? ProtectedAccessToken { get; set; }

    /// <summary>The id of the account's webhook; see <see cref="AircallAccount.WebhookId"/>.</summary>
    public string? WebhookId { get; set; }

    /// <summary>The SHA-256 digest of the webhook's token (unique index); see <see cref="AircallAccount.WebhookTokenDigest"/>.</summary>
    public byte[]? WebhookTokenDigest { get; set; }

    /// <summary>When the account was first installed (UTC; UNIX microseconds in the database).</summary>
    public DateTimeOffset InstalledAt { get; set; }

    /// <summary>When the row last changed (UTC; UNIX microseconds in the database).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When a webhook delivery for the account last arrived.</summary>
    public DateTimeOffset? LastWebhookAt { get; set; }

    /// <summary>When a sync of the account last completed.</summary>
    public DateTimeOffset? LastSyncAt { get; set; }

    /// <summary>When the account's next sync is due.</summary>
    public DateTimeOffset? NextSyncAt { get; set; }

    /// <summary>Calls written by syncs of this account, in total.</summary>
    public long CallsSynced { get; set; }

    /// <summary>The last error, for people to read.</summary>
    public string? LastError { get; set; }

    /// <summary>When <see cref="LastError"/> happened.</summary>
    public DateTimeOffset? LastErrorAt { get; set; }
}
