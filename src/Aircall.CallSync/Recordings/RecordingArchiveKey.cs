using System.Globalization;

namespace Aircall.CallSync.Recordings;

/// <summary>
/// Identifies one archive job, and the one file it produces: the account, the call and which audio. File and object
/// names are derived from these three values only, never from anything in a payload.
/// </summary>
public readonly record struct RecordingArchiveKey
{
    private readonly string? _accountId;

    /// <summary>Creates a key.</summary>
    /// <param name="accountId">The account (<see cref="Storage.CallWrite.AccountId"/>); <c>null</c> or empty for an application that serves one.</param>
    /// <param name="callId">The call's id (positive).</param>
    /// <param name="kind">Recording or voicemail.</param>
    public RecordingArchiveKey(string? accountId, long callId, RecordingKind kind)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(callId);
        if (kind is not (RecordingKind.Recording or RecordingKind.Voicemail))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Use RecordingKind.Recording or RecordingKind.Voicemail.");
        }

        _accountId = string.IsNullOrEmpty(accountId) ? null : accountId;
        CallId = callId;
        Kind = kind;
    }

    /// <summary>The account; <c>null</c> for an application that serves one.</summary>
    public string? AccountId => _accountId;

    /// <summary>The call's id.</summary>
    public long CallId { get; }

    /// <summary>Recording or voicemail.</summary>
    public RecordingKind Kind { get; }

    /// <summary>Names the call and kind (no account id, which may be a customer name).</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"call {CallId} {(Kind == RecordingKind.Voicemail ? "voicemail" : "recording")}");
}
