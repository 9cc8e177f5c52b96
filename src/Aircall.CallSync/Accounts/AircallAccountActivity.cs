namespace Aircall.CallSync.Accounts;

/// <summary>
/// A partial update of an account's sync state, applied by <see cref="IAircallAccountStore.RecordActivityAsync"/>
/// atomically, without a read-modify-write race against other writers: only the members that are set change.
/// </summary>
public sealed class AircallAccountActivity
{
    /// <summary>Sets <see cref="AircallAccount.LastWebhookAt"/> when later than the stored value.</summary>
    public DateTimeOffset? WebhookAt { get; init; }

    /// <summary>Sets <see cref="AircallAccount.LastSyncAt"/> and clears the last error.</summary>
    public DateTimeOffset? SyncedAt { get; init; }

    /// <summary>Added to <see cref="AircallAccount.CallsSynced"/>.</summary>
    public long CallsSynced { get; init; }

    /// <summary>Sets <see cref="AircallAccount.NextSyncAt"/>.</summary>
    public DateTimeOffset? NextSyncAt { get; init; }

    /// <summary>Sets <see cref="AircallAccount.LastError"/> (with <see cref="ErrorAt"/>), applied after <see cref="SyncedAt"/>.</summary>
    public string? Error { get; init; }

    /// <summary>When <see cref="Error"/> happened; required with it.</summary>
    public DateTimeOffset? ErrorAt { get; init; }
}
