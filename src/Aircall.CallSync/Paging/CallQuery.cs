using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Aircall.CallSync.Api;
using Aircall.CallSync.Models;

namespace Aircall.CallSync;

/// <summary>
/// Which calls an enumeration returns: a creation-time range and, optionally, the filters of
/// <c>GET /v1/calls/search</c>. Without filters the enumeration uses <c>GET /v1/calls</c>. Immutable.
/// </summary>
public sealed class CallQuery
{
    /// <summary>Every call the API serves (Aircall keeps about six months by default).</summary>
    public static CallQuery All { get; } = new();

    /// <summary>Calls created at or after this time (sent as UNIX seconds); <c>null</c> for the oldest the API serves.</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>
    /// Calls created at or before this time (sent as UNIX seconds); <c>null</c> for "now", read once when an enumeration
    /// starts, so that it ends even while new calls keep arriving.
    /// </summary>
    public DateTimeOffset? To { get; init; }

    /// <summary>Only inbound or outbound calls (search filter).</summary>
    public CallDirection? Direction { get; init; }

    /// <summary>Only the calls of this user (search filter).</summary>
    public long? UserId { get; init; }

    /// <summary>Only calls with this external number (search filter).</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>Only calls carrying all of these tag ids (search filter).</summary>
    public IReadOnlyList<long>? TagIds { get; init; }

    /// <summary>Embed the full contact in each call (<c>fetch_contact</c>).</summary>
    public bool FetchContact { get; init; }

    /// <summary>Add short recording and voicemail URLs (<c>fetch_short_urls</c>).</summary>
    public bool FetchShortUrls { get; init; }

    /// <summary>Add the IVR options selected (<c>fetch_call_timeline</c>).</summary>
    public bool FetchCallTimeline { get; init; }

    /// <summary>
    /// Add the AI Voice Agent conversation to each call (<c>fetch_aiva_conv</c>, a newer Aircall option), kept as raw JSON
    /// in <see cref="Models.Call.AiVoiceAgents"/>.
    /// </summary>
    public bool FetchAiVoiceAgentConversation { get; init; }

    /// <summary>Whether a search filter is set, so that the enumeration uses <c>/v1/calls/search</c>.</summary>
    internal bool HasSearchFilters => Direction is not null || UserId is not null || !string.IsNullOrEmpty(PhoneNumber) || TagIds is { Count: > 0 };

    /// <summary>Describes the query (no phone number).</summary>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"CallQuery (from {From?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? "start"}, to {To?.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) ?? "now"}{(HasSearchFilters ? ", filtered" : "")})");

    /// <summary>
    /// A digest of everything that selects calls, stored in checkpoints so that a checkpoint is never applied to
    /// another query. Not reversible (it covers the phone number).
    /// </summary>
    internal string Fingerprint()
    {
        var text = new StringBuilder(128);
        text.Append(From?.ToUnixTimeSeconds()).Append('|').Append(To?.ToUnixTimeSeconds()).Append('|')
            .Append(Direction?.Value).Append('|').Append(UserId).Append('|').Append(PhoneNumber).Append('|');
        if (TagIds is not null)
        {
            foreach (var tag in TagIds)
            {
                text.Append(tag).Append(',');
            }
        }

        text.Append('|').Append(FetchContact).Append(FetchShortUrls).Append(FetchCallTimeline);
        if (FetchAiVoiceAgentConversation)
        {
            // Only when set, so that the checkpoints of queries made before this flag existed stay valid.
            text.Append("|aiva");
        }

        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(digest.AsSpan(0, 8));
    }

    /// <summary>
    /// The query parameters of one page. Search filters that are not set stay null and are not sent, so the same object
    /// serves <c>/v1/calls</c> (as its base type) and <c>/v1/calls/search</c>.
    /// </summary>
    internal CallSearchParameters ToParameters(long? from, long to, int page, int perPage) => new()
    {
        From = from is { } f ? DateTimeOffset.FromUnixTimeSeconds(f) : null,
        To = DateTimeOffset.FromUnixTimeSeconds(to),
        Order = SortOrder.Ascending,
        Page = page,
        PerPage = perPage,
        FetchContact = FetchContact,
        FetchShortUrls = FetchShortUrls,
        FetchCallTimeline = FetchCallTimeline,
        FetchAiVoiceAgentConversation = FetchAiVoiceAgentConversation,
        Direction = Direction,
        UserId = UserId,
        PhoneNumber = string.IsNullOrEmpty(PhoneNumber) ? null : PhoneNumber,
        TagIds = TagIds is { Count: > 0 } ? TagIds : null,
    };

    /// <summary>The same filters and fetch flags over another time range.</summary>
    internal CallQuery WithRange(DateTimeOffset? from, DateTimeOffset? to) => new()
    {
        From = from,
        To = to,
        Direction = Direction,
        UserId = UserId,
        PhoneNumber = PhoneNumber,
        TagIds = TagIds,
        FetchContact = FetchContact,
        FetchShortUrls = FetchShortUrls,
        FetchCallTimeline = FetchCallTimeline,
        FetchAiVoiceAgentConversation = FetchAiVoiceAgentConversation,
    };
}
