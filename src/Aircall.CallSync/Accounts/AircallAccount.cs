namespace Aircall.CallSync.Accounts;

/// <summary>
/// One Aircall company that installed your app through OAuth, as an <see cref="IAircallAccountStore"/> keeps it. A plain
/// data holder: stores copy it in and out, so changing an instance changes nothing until it is saved. Not thread-safe.
/// </summary>
public sealed class AircallAccount
{
    /// <summary>
    /// Your identifier of the account, the key of every row the SDK writes for it (calls, checkpoints, rate limiter).
    /// The install flow uses the company id in invariant digits, so a company that uninstalls and installs again gets its
    /// calls back under the same id. Not a secret.
    /// </summary>
    public required string AccountId { get; init; }

    /// <summary>Aircall's company id, from <c>GET /v1/integrations/me</c>; <c>null</c> until it is known.</summary>
    public long? CompanyId { get; set; }

    /// <summary>The integration's name as Aircall shows it (<c>custom_name</c>, else <c>name</c>); optional.</summary>
    public string? Name { get; set; }

    /// <summary>Where the account stands.</summary>
    public AircallAccountStatus Status { get; set; }

    /// <summary>
    /// The OAuth access token, in clear in memory only: a store protects it at rest (the EF Core store with ASP.NET Core
    /// Data Protection). <c>null</c> once forgotten (uninstall). Never log it.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>The id of the webhook the install flow ensured for this account; <c>null</c> when none.</summary>
    public string? WebhookId { get; set; }

    /// <summary>
    /// The SHA-256 digest (32 bytes) of the webhook's token, UTF-8: the only form in which the token is kept. Webhook
    /// deliveries are mapped to the account by it (<see cref="IAircallAccountStore.FindByWebhookTokenDigestAsync"/>).
    /// <c>null</c> when the account has no webhook or forgot it.
    /// </summary>
    public byte[]? WebhookTokenDigest { get; set; }

    /// <summary>When the account was first installed (UTC).</summary>
    public DateTimeOffset InstalledAt { get; set; }

    /// <summary>When the row last changed (UTC).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>When a verified webhook delivery for the account last arrived; <c>null</c> before the first.</summary>
    public DateTimeOffset? LastWebhookAt { get; set; }

    /// <summary>When a sync (backfill or incremental) of the account last completed; <c>null</c> before the first.</summary>
    public DateTimeOffset? LastSyncAt { get; set; }

    /// <summary>When the account's next sync is due, where a scheduler says so; <c>null</c> when unknown.</summary>
    public DateTimeOffset? NextSyncAt { get; set; }

    /// <summary>Calls written by syncs of this account, in total.</summary>
    public long CallsSynced { get; set; }

    /// <summary>The last error of a sync or install step, for people to read (never a token or a URL with secrets);
    /// <c>null</c> when the last attempt succeeded.</summary>
    public string? LastError { get; set; }

    /// <summary>When <see cref="LastError"/> happened.</summary>
    public DateTimeOffset? LastErrorAt { get; set; }

    /// <summary>A copy of this account.</summary>
    public AircallAccount Clone()
    {
        var copy = (AircallAccount)MemberwiseClone();
        copy.WebhookTokenDigest = WebhookTokenDigest?.ToArray();
        return copy;
    }

    /// <summary>Names the account id and status only, never the token.</summary>
    public override string ToString() => $"AircallAccount ({AccountId}, {Status})";
}
