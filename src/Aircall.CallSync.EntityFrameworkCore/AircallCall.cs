using System.Text;
using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// A call as the <c>aircall_calls</c> table holds it: the newest snapshot of the call that the store accepted, in typed
/// columns for querying with LINQ, plus <see cref="Payload"/>, the JSON Aircall sent. One row per (<see cref="AccountId"/>,
/// <see cref="CallId"/>).
/// </summary>
/// <remarks>
/// Read these rows with LINQ (<c>context.Set&lt;AircallCall&gt;()</c>, preferably <c>AsNoTracking()</c>); write them only
/// through <see cref="EntityFrameworkCoreCallStore{TContext}"/>, whose conditional upsert keeps the newest state under
/// duplicate, out-of-order and concurrent writes. A row changed through the change tracker skips that rule. Times are
/// UTC, kept in whole seconds as Aircall sends them (UNIX seconds in the database); <see cref="Version"/> is kept to the
/// microsecond.
/// </remarks>
public sealed class AircallCall
{
    /// <summary>The account the call belongs to; the empty string for an application that serves one account (never <c>null</c>, so it can be part of the key).</summary>
    public string AccountId { get; set; } = string.Empty;

    /// <summary>Aircall's call id.</summary>
    public long CallId { get; set; }

    /// <summary><c>inbound</c> or <c>outbound</c>, as Aircall sent it.</summary>
    public string? Direction { get; set; }

    /// <summary><c>initial</c>, <c>answered</c> or <c>done</c>, as Aircall sent it.</summary>
    public string? Status { get; set; }

    /// <summary>When the call started (UTC, whole seconds).</summary>
    public DateTimeOffset? StartedAt { get; set; }

    /// <summary>When somebody answered (UTC, whole seconds); <c>null</c> for a call nobody answered.</summary>
    public DateTimeOffset? AnsweredAt { get; set; }

    /// <summary>When the call ended (UTC, whole seconds); <c>null</c> while it is live.</summary>
    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>Aircall's <c>duration</c>, in seconds: the whole time in the system, 0 until the call ends.</summary>
    public long? Duration { get; set; }

    /// <summary>Why the call was missed (e.g. <c>no_available_agent</c>), as Aircall sent it.</summary>
    public string? MissedCallReason { get; set; }

    /// <summary><see cref="Call.IsMissed"/>: done, with a missed-call reason.</summary>
    public bool IsMissed { get; set; }

    /// <summary>Talk time in seconds (<see cref="Call.InCallDuration"/>): ended minus answered; <c>null</c> for a call that was not answered or has not ended.</summary>
    public long? InCallDuration { get; set; }

    /// <summary>The external party's number as Aircall sent it (<c>anonymous</c> when withheld).</summary>
    public string? RawDigits { get; set; }

    /// <summary>The id of the user who took or made the call.</summary>
    public long? UserId { get; set; }

    /// <summary>The id of the Aircall number of the call.</summary>
    public long? NumberId { get; set; }

    /// <summary>Whether the call is archived.</summary>
    public bool Archived { get; set; }

    /// <summary>The call's <c>tags</c>, the JSON array as Aircall sent it (<c>[]</c> when absent).</summary>
    public string Tags { get; set; } = "[]";

    /// <summary>The call's <c>comments</c>, the JSON array as Aircall sent it (<c>[]</c> when absent).</summary>
    public string Comments { get; set; } = "[]";

    /// <summary>
    /// The version of the snapshot held (<see cref="CallWrite.Version"/>: when Aircall produced it), UTC, to the
    /// microsecond (UNIX microseconds in the database).
    /// </summary>
    public DateTimeOffset Version { get; set; }

    /// <summary>The call's JSON exactly as Aircall sent it (<see cref="CallWrite.Payload"/>), with every field, those without a column included.</summary>
    public string Payload { get; set; } = "{}";

    /// <summary>The id of the call's contact, when Aircall sent one (batch sync with <c>FetchContact</c>, or webhooks).</summary>
    public long? ContactId { get; set; }

    /// <summary>The contact's first and last name, trimmed; <c>null</c> when there is none.</summary>
    public string? ContactName { get; set; }

    /// <summary>The ids of the teams the call went through (empty when none).</summary>
    public long[] TeamIds { get; set; } = [];

    /// <summary>The id of the user the call is assigned to.</summary>
    public long? AssignedToId { get; set; }

    /// <summary>The id of the user who transferred the call.</summary>
    public long? TransferredById { get; set; }

    /// <summary>The id of the user the call was transferred to.</summary>
    public long? TransferredToId { get; set; }

    /// <summary>Aircall's <c>hangup_cause</c>, as sent.</summary>
    public string? HangupCause { get; set; }

    /// <summary>Whether the call has a recording (the signed URL itself expires within minutes and stays in <see cref="Payload"/>).</summary>
    public bool HasRecording { get; set; }

    /// <summary>Whether the call has a voicemail (<see cref="Call.HasVoicemail"/>).</summary>
    public bool HasVoicemail { get; set; }

    /// <summary>The permanent page of the call's recording or voicemail (Aircall's <c>asset</c>).</summary>
    public string? Asset { get; set; }

    /// <summary>Parses <see cref="Payload"/> into a <see cref="Call"/>, with every field the model knows.</summary>
    public Call ToCall() => AircallJson.ParseCall(Encoding.UTF8.GetBytes(Payload));

    /// <summary>The row as the store contract reads it: the call, its version, its account (<c>null</c> for none) and the payload bytes.</summary>
    public StoredCall ToStoredCall()
    {
        var payload = Encoding.UTF8.GetBytes(Payload);
        return new StoredCall(AircallJson.ParseCall(payload), Version)
        {
            AccountId = AccountId.Length == 0 ? null : AccountId,
            Payload = payload,
        };
    }
}
