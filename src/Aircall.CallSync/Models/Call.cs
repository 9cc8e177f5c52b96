using System.Text.Json.Serialization;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>
/// An Aircall call, as the REST API returns it and as webhooks deliver it in <c>data</c>.
/// </summary>
/// <remarks>
/// <para>Every field except <see cref="Id"/> may be absent or <c>null</c> depending on the call's state and on where it
/// came from (for example <see cref="User"/> is absent on unanswered inbound calls, <see cref="Number"/> and
/// <see cref="Contact"/> on some anonymous calls). Timestamps are UTC.</para>
/// <para>The REST API and webhooks name two fields differently: <c>sid</c>/<c>call_uuid</c> and
/// <c>conference_participants</c>/<c>participants</c>. Both names land on the same property here.</para>
/// <para>Instances are immutable after deserialization and safe to share between threads.</para>
/// </remarks>
public sealed class Call
{
    private string? _sid;
    private string? _callUuid;
    private IReadOnlyList<Participant>? _participants;
    private IReadOnlyList<Participant>? _conferenceParticipants;
    private ReadOnlyMemory<byte> _rawJson;

    /// <summary>The call's unique id (Int64).</summary>
    [JsonPropertyName("id")] public long Id { get; init; }

    /// <summary>The telephony provider's call id (REST name <c>sid</c>, webhook name <c>call_uuid</c>).</summary>
    [JsonPropertyName("sid")]
    public string? Sid { get => _sid ?? _callUuid; init => _sid = value; }

    /// <summary>The same value as <see cref="Sid"/>, under its webhook name.</summary>
    [JsonPropertyName("call_uuid")]
    public string? CallUuid { get => _callUuid ?? _sid; init => _callUuid = value; }

    /// <summary>The API URL of the call (<c>https://api.aircall.io/v1/calls/{id}</c>), not a UI link.</summary>
    [JsonPropertyName("direct_link")] public string? DirectLink { get; init; }

    /// <summary><c>inbound</c> or <c>outbound</c>.</summary>
    [JsonPropertyName("direction")] public CallDirection? Direction { get; init; }

    /// <summary>Lifecycle state: <c>initial</c>, <c>answered</c> or <c>done</c>.</summary>
    [JsonPropertyName("status")] public CallStatus? Status { get; init; }

    /// <summary>When the call started (entered the system or began dialling). Also its creation time for <c>from</c>/<c>to</c>.</summary>
    [JsonPropertyName("started_at"), JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When the call was answered; <c>null</c> if it never was.</summary>
    [JsonPropertyName("answered_at"), JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? AnsweredAt { get; init; }

    /// <summary>When the call ended; <c>null</c> while it is live.</summary>
    [JsonPropertyName("ended_at"), JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>
    /// Seconds from <see cref="StartedAt"/> to <see cref="EndedAt"/>, ringing, IVR and queue included (not talk time:
    /// see <see cref="InCallDuration"/>); 0 until the call ends.
    /// </summary>
    [JsonPropertyName("duration")] public long? Duration { get; init; }

    /// <summary>
    /// The external party's number as Aircall displays it (spaces and dashes, not E.164), or <c>anonymous</c>.
    /// </summary>
    [JsonPropertyName("raw_digits")] public string? RawDigits { get; init; }

    /// <summary>Why an inbound call was missed; <c>null</c> for answered and outbound calls.</summary>
    [JsonPropertyName("missed_call_reason")] public MissedCallReason? MissedCallReason { get; init; }

    /// <summary>The telephony hang-up cause (undocumented by Aircall, present in real payloads).</summary>
    [JsonPropertyName("hangup_cause"), JsonConverter(typeof(LenientStringConverter))]
    public string? HangupCause { get; init; }

    /// <summary>Legacy cost in US cents, deprecated by Aircall.</summary>
    [JsonPropertyName("cost"), JsonConverter(typeof(LenientStringConverter))]
    public string? Cost { get; init; }

    /// <summary>Pre-signed recording URL. It expires (minutes to hours): never persist it, re-fetch the call instead.</summary>
    [JsonPropertyName("recording")] public string? Recording { get; init; }

    /// <summary>Short redirecting recording URL (with <c>fetch_short_urls</c>), valid for a few hours.</summary>
    [JsonPropertyName("recording_short_url")] public string? RecordingShortUrl { get; init; }

    /// <summary>Pre-signed voicemail URL (inbound only). It expires: never persist it.</summary>
    [JsonPropertyName("voicemail")] public string? Voicemail { get; init; }

    /// <summary>Short redirecting voicemail URL (with <c>fetch_short_urls</c>).</summary>
    [JsonPropertyName("voicemail_short_url")] public string? VoicemailShortUrl { get; init; }

    /// <summary>A web page with the recording or voicemail that requires an Aircall login.</summary>
    [JsonPropertyName("asset")] public string? Asset { get; init; }

    /// <summary>Whether the call is archived (marked as done / needing no follow-up).</summary>
    [JsonPropertyName("archived")] public bool? Archived { get; init; }

    /// <summary>The Aircall line used.</summary>
    [JsonPropertyName("number")] public Number? Number { get; init; }

    /// <summary>The agent who took or made the call; absent when nobody answered.</summary>
    [JsonPropertyName("user")] public User? User { get; init; }

    /// <summary>The matched shared contact (complete with <c>fetch_contact</c>).</summary>
    [JsonPropertyName("contact")] public Contact? Contact { get; init; }

    /// <summary>The user the call is assigned to.</summary>
    [JsonPropertyName("assigned_to")] public User? AssignedTo { get; init; }

    /// <summary>Teams the call was routed to (inbound only); <c>null</c> when absent.</summary>
    [JsonPropertyName("teams")] public IReadOnlyList<Team>? Teams { get; init; }

    /// <summary>The user who transferred the call.</summary>
    [JsonPropertyName("transferred_by")] public User? TransferredBy { get; init; }

    /// <summary>The user the call was transferred to (the team's first user for a team transfer).</summary>
    [JsonPropertyName("transferred_to")] public User? TransferredTo { get; init; }

    /// <summary>Notes posted on the call.</summary>
    [JsonPropertyName("comments")] public IReadOnlyList<Comment>? Comments { get; init; }

    /// <summary>Tags applied to the call.</summary>
    [JsonPropertyName("tags")] public IReadOnlyList<Tag>? Tags { get; init; }

    /// <summary>Conference participants (webhook name <c>participants</c>, REST name <c>conference_participants</c>).</summary>
    [JsonPropertyName("participants")]
    public IReadOnlyList<Participant>? Participants { get => _participants ?? _conferenceParticipants; init => _participants = value; }

    /// <summary>The same list as <see cref="Participants"/>, under its REST name.</summary>
    [JsonPropertyName("conference_participants")]
    public IReadOnlyList<Participant>? ConferenceParticipants { get => _conferenceParticipants ?? _participants; init => _conferenceParticipants = value; }

    /// <summary>IVR choices made during the call (only with <c>fetch_call_timeline</c>).</summary>
    [JsonPropertyName("ivr_options_selected")] public IReadOnlyList<IvrOption>? IvrOptionsSelected { get; init; }

    /// <summary>The id of the automatic callback call this call triggered, if any.</summary>
    [JsonPropertyName("automatic_callback_call_id")] public long? AutomaticCallbackCallId { get; init; }

    /// <summary>ISO 3166 alpha-2 country of the external number (undocumented, seen in real list responses).</summary>
    [JsonPropertyName("country_code_a2")] public string? CountryCodeA2 { get; init; }

    /// <summary>Pricing type (undocumented, seen in real list responses).</summary>
    [JsonPropertyName("pricing_type")] public string? PricingType { get; init; }

    /// <summary>
    /// The external number the call was transferred to (<c>call.external_transferred</c>), as Aircall sent it. Newer
    /// field; <c>null</c> when absent, or when Aircall sent something other than a string or number (the payload kept
    /// with the write still holds it).
    /// </summary>
    [JsonPropertyName("external_transferred_to")] public string? ExternalTransferredTo { get; init; }

    /// <summary>The external caller's number as Aircall sent it (newer field; <see cref="RawDigits"/> is its display form).</summary>
    [JsonPropertyName("external_caller_number")] public string? ExternalCallerNumber { get; init; }

    /// <summary>
    /// The AI Voice Agents that took part in the call (with <c>fetch_aiva_conv</c>), as raw JSON: Aircall's shape for it
    /// is not settled, so it is kept as sent rather than typed. <c>null</c> when absent.
    /// </summary>
    [JsonPropertyName("ai_voice_agents")] public System.Text.Json.JsonElement? AiVoiceAgents { get; init; }

    /// <summary>
    /// The call's JSON exactly as Aircall sent it (UTF-8), when the SDK read this call from a webhook delivery or a page of
    /// calls: every field, those this model lacks and any Aircall adds later included. Empty for a call built in code or
    /// parsed by <c>AircallJson.ParseCall</c> or <c>GET /v1/calls/{id}</c>. The calls of one page share that page's
    /// buffer; treat the bytes as read-only.
    /// </summary>
    [JsonIgnore]
    public ReadOnlyMemory<byte> RawJson { get => _rawJson; internal set => _rawJson = value; }

    /// <summary>Whether <see cref="Direction"/> is <c>inbound</c>.</summary>
    [JsonIgnore] public bool IsInbound => Direction == CallDirection.Inbound;

    /// <summary>Whether <see cref="Direction"/> is <c>outbound</c>.</summary>
    [JsonIgnore] public bool IsOutbound => Direction == CallDirection.Outbound;

    /// <summary>Whether <see cref="Status"/> is <c>done</c>.</summary>
    [JsonIgnore] public bool IsDone => Status == CallStatus.Done;

    /// <summary>Whether the call was answered (<see cref="AnsweredAt"/> is set).</summary>
    [JsonIgnore] public bool IsAnswered => AnsweredAt is not null;

    /// <summary>
    /// Whether this is a missed call: the call is <c>done</c> and Aircall gave a <see cref="MissedCallReason"/>. This is
    /// the rule of Aircall's call-logging tutorial. An inbound call that went to voicemail is missed by this rule when
    /// Aircall set a reason (it normally does, e.g. <c>agents_did_not_answer</c>), whether or not a voicemail was left:
    /// use <see cref="HasVoicemail"/> to tell those apart. A call still ringing is never missed yet.
    /// </summary>
    [JsonIgnore]
    public bool IsMissed => IsDone && MissedCallReason is { } reason && reason.Value.Length > 0;

    /// <summary>
    /// Whether this is an inbound call that is <c>done</c>, was never answered, and has no
    /// <see cref="MissedCallReason"/>: the case <see cref="IsMissed"/> leaves out. Aircall sends such calls (a real
    /// inbound <c>call.archived</c> was captured in this state): the call ended before any routing rule classified it,
    /// for instance a caller who hung up at once, or a flow that ended it on purpose. Count it with the missed calls
    /// or apart from them, but do not lose it: it is neither missed nor answered by either rule.
    /// </summary>
    [JsonIgnore]
    public bool IsUnansweredWithoutMissedReason
        => IsDone && IsInbound && AnsweredAt is null && (MissedCallReason is not { } reason || reason.Value.Length == 0);

    /// <summary>Whether the caller left a voicemail (<see cref="Voicemail"/> or <see cref="VoicemailShortUrl"/> is set).</summary>
    [JsonIgnore]
    public bool HasVoicemail => !string.IsNullOrEmpty(Voicemail) || !string.IsNullOrEmpty(VoicemailShortUrl);

    /// <summary>Whether the external party withheld their number (<see cref="RawDigits"/> is <c>anonymous</c> or empty).</summary>
    [JsonIgnore]
    public bool IsAnonymous => string.IsNullOrWhiteSpace(RawDigits) || string.Equals(RawDigits.Trim(), "anonymous", StringComparison.OrdinalIgnoreCase);

    /// <summary>Talk time: <see cref="EndedAt"/> − <see cref="AnsweredAt"/>; <c>null</c> when never answered or not ended.</summary>
    [JsonIgnore]
    public TimeSpan? InCallDuration => Between(AnsweredAt, EndedAt);

    /// <summary>
    /// Whole time in the system: <see cref="EndedAt"/> − <see cref="StartedAt"/> (what Aircall reports as
    /// <see cref="Duration"/>); <c>null</c> while the call is live.
    /// </summary>
    [JsonIgnore]
    public TimeSpan? TotalDuration => Between(StartedAt, EndedAt);

    /// <summary>Time before somebody answered: <see cref="AnsweredAt"/> − <see cref="StartedAt"/>; <c>null</c> when never answered.</summary>
    [JsonIgnore]
    public TimeSpan? WaitingDuration => Between(StartedAt, AnsweredAt);

    /// <summary>Identifies the call without personal data.</summary>
    public override string ToString() => $"Call {Id} ({Direction?.Value ?? "?"}, {Status?.Value ?? "?"})";

    private static TimeSpan? Between(DateTimeOffset? start, DateTimeOffset? end)
        => start is { } s && end is { } e && e >= s ? e - s : null;
}
