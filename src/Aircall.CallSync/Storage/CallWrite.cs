using Aircall.CallSync.Models;

namespace Aircall.CallSync.Storage;

/// <summary>
/// A snapshot of a call to save, with the version that orders it against other snapshots of the same call.
/// </summary>
/// <remarks>
/// <para>The version is the time Aircall produced the snapshot: the <c>Date</c> header of the API response for batch
/// sync, the envelope's <c>timestamp</c> for webhooks. Both are bounded by the local clock first: a <c>Date</c> more than
/// <c>Aircall:MaxClockSkew</c> (5 minutes) off, or missing, gives way to the local clock; a <c>timestamp</c> more than
/// <c>Aircall:Webhooks:MaxClockSkew</c> ahead gives way to the time the delivery was received. A version from a skewed
/// clock could otherwise pin a row (every later snapshot Stale). Snapshots arrive duplicated and out of order;
/// <see cref="Supersedes"/> is the rule every <see cref="ICallStore"/> applies.</para>
/// <para>Versions have microsecond precision: the constructor truncates to whole microseconds, so a store that keeps
/// UNIX microseconds (a 64-bit integer), or a database timestamp of microsecond precision (PostgreSQL
/// <c>timestamptz</c>, MySQL <c>DATETIME(6)</c>, SQL Server <c>datetime2</c>), holds every version exactly and orders
/// two snapshots of the same second as <see cref="Supersedes"/> does. A store that rounds to seconds does not: an event
/// at x.1 s would overwrite one at x.9 s.</para>
/// </remarks>
public sealed class CallWrite
{
    private readonly string? _accountId;
    private ReadOnlyMemory<byte> _payload;

    /// <summary>Creates a write.</summary>
    /// <param name="call">The call snapshot.</param>
    /// <param name="version">When Aircall produced the snapshot; kept in UTC, truncated to whole microseconds.</param>
    /// <param name="source">Batch or webhook.</param>
    /// <param name="eventName">The webhook event (e.g. <c>call.ended</c>); <c>null</c> for batch writes.</param>
    public CallWrite(Call call, DateTimeOffset version, CallWriteSource source, string? eventName = null)
    {
        Call = call ?? throw new ArgumentNullException(nameof(call));
        var utcTicks = version.UtcTicks;
        Version = new DateTimeOffset(utcTicks - (utcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
        Source = source;
        EventName = eventName;
    }

    /// <summary>The call snapshot.</summary>
    public Call Call { get; }

    /// <summary>
    /// The call's JSON exactly as Aircall sent it (UTF-8): the delivery's <c>data</c>, or the call's object in the page
    /// (<see cref="Call.RawJson"/>), with every field, those <see cref="Models.Call"/> lacks included. For a call built
    /// in code, its serialization in Aircall's shape (made on first use). Store these bytes to keep what Aircall sent;
    /// the typed <see cref="Call"/> gives the columns.
    /// </summary>
    public ReadOnlyMemory<byte> Payload
    {
        get
        {
            if (_payload.IsEmpty)
            {
                _payload = Call.RawJson.IsEmpty ? AircallJson.SerializeCall(Call) : Call.RawJson;
            }

            return _payload;
        }

        init => _payload = value;
    }

    /// <summary>The call's id (shortcut for <c>Call.Id</c>).</summary>
    public long CallId => Call.Id;

    /// <summary>When Aircall produced the snapshot (UTC, whole microseconds): store it at that precision.</summary>
    public DateTimeOffset Version { get; }

    /// <summary>Batch or webhook.</summary>
    public CallWriteSource Source { get; }

    /// <summary>The webhook event name, or <c>null</c> for batch writes.</summary>
    public string? EventName { get; }

    /// <summary>
    /// The account the call belongs to, for stores shared by several Aircall accounts: the account id your
    /// <c>IWebhookTokenResolver</c> returned for the token that authenticated a webhook, or
    /// <see cref="Sync.CallSyncOptions.AccountId"/> for batch sync. <c>null</c> when the application serves one account (an
    /// empty string is taken as <c>null</c>).
    /// </summary>
    /// <remarks>
    /// A call's identity in a store is (<see cref="AccountId"/>, <see cref="CallId"/>): a store applies the write to that
    /// account's row only, and compares versions with that row only. Aircall call ids are sequential, so a tenant can
    /// name another tenant's call id; scoping by account is what keeps one tenant from overwriting another's calls.
    /// </remarks>
    public string? AccountId
    {
        get => _accountId;
        init => _accountId = string.IsNullOrEmpty(value) ? null : value;
    }

    /// <summary>
    /// Whether this snapshot may replace what a store holds for the call. It may not when the stored version is newer,
    /// nor when it would move the call back in its lifecycle (<c>done</c> never returns to <c>answered</c> or
    /// <c>initial</c>, <c>answered</c> never returns to <c>initial</c>), whatever the versions. At an equal version and
    /// state it may: writing the same snapshot twice is harmless.
    /// </summary>
    /// <param name="storedVersion">The version the store holds.</param>
    /// <param name="storedStatus">The status the store holds, if known.</param>
    public bool Supersedes(DateTimeOffset storedVersion, CallStatus? storedStatus)
    {
        if (Rank(storedStatus) > Rank(Call.Status))
        {
            return false;
        }

        return Version >= storedVersion;
    }

    /// <summary>Position of a status in the call lifecycle: initial 1, answered 2, done 3; unknown or absent 0.</summary>
    /// <param name="status">The status.</param>
    internal static int Rank(CallStatus? status)
    {
        if (status is not { } value)
        {
            return 0;
        }

        if (value == CallStatus.Done)
        {
            return 3;
        }

        if (value == CallStatus.Answered)
        {
            return 2;
        }

        return value == CallStatus.Initial ? 1 : 0;
    }

    /// <summary>Identifies the write without personal data.</summary>
    public override string ToString() => $"CallWrite {CallId} v{Version.ToUnixTimeSeconds()} ({Source}{(EventName is null ? "" : ", " + EventName)})";
}
