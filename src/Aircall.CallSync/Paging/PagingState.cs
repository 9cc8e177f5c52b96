using System.Text.Json.Serialization;

namespace Aircall.CallSync;

/// <summary>
/// Where an enumeration stands, and everything it needs to continue exactly after the last page it returned: the fixed
/// upper bound, the current window's <c>from</c> and next page, and the calls near the window edge already returned (for
/// de-duplication when the window is re-anchored). Serialized as the opaque continuation token
/// (<c>cq1.</c> + base64url JSON).
/// </summary>
/// <remarks>
/// Fields are only ever added, each optional with a default that means what older tokens meant (<c>wt</c> came with the
/// contradicting-page checks): a token from an older version of the SDK continues as before (its window is checked
/// against each page's own total only), and an older SDK ignores the fields it does not know. So the prefix stays
/// <c>cq1.</c>. The state of a re-anchor being confirmed is never serialized: it is settled before the next page is
/// returned, so no token is taken in the middle of it.
/// </remarks>
internal sealed class PagingState
{
    private const string Prefix = "cq1.";

    /// <summary>Digest of the query (see <see cref="CallQuery.Fingerprint"/>).</summary>
    [JsonPropertyName("q")] public string Query { get; set; } = string.Empty;

    /// <summary>The fixed upper bound, UNIX seconds.</summary>
    [JsonPropertyName("to")] public long To { get; set; }

    /// <summary>The current window's lower bound, UNIX seconds; <c>null</c> for the first window of an open range.</summary>
    [JsonPropertyName("from")] public long? From { get; set; }

    /// <summary>The next page to fetch in the current window, 1-based.</summary>
    [JsonPropertyName("page")] public int Page { get; set; } = 1;

    /// <summary>The enumeration returned its last page.</summary>
    [JsonPropertyName("done")] public bool Done { get; set; }

    /// <summary>The <c>started_at</c> (UNIX seconds) of the last call the API listed, returned or not.</summary>
    [JsonPropertyName("last")] public long? LastStarted { get; set; }

    /// <summary>Calls returned so far.</summary>
    [JsonPropertyName("n")] public long Returned { get; set; }

    /// <summary>Estimated calls in the whole range (from the current window's <c>meta.total</c>).</summary>
    [JsonPropertyName("est")] public long? Estimated { get; set; }

    /// <summary>Windows opened so far (1 for the first).</summary>
    [JsonPropertyName("w")] public int Windows { get; set; } = 1;

    /// <summary>
    /// <c>meta.total</c> of the current window's first page: what the API said the window holds, against which a "last"
    /// page is checked. <c>null</c> when not known (no total sent, or a token from an older version).
    /// </summary>
    [JsonPropertyName("wt")] public int? WindowTotal { get; set; }

    /// <summary>
    /// Set while the current window is re-anchored and not yet confirmed: the attempt (0 for the first <c>from</c> tried,
    /// then each earlier one). <c>null</c> once the window's first page lists a call already returned.
    /// </summary>
    [JsonIgnore] public int? ReanchorAttempt { get; set; }

    /// <summary>The <c>from</c> of the window before the re-anchor being confirmed: no re-anchor goes back to it.</summary>
    [JsonIgnore] public long? PreviousFrom { get; set; }

    /// <summary>
    /// Calls already returned that could come back in a re-anchored window (see <see cref="RecentCalls"/>), as pairs of
    /// (started_at, id), in the order they were returned.
    /// </summary>
    [JsonPropertyName("recent")] public List<RecentCall> Recent { get; set; } = [];

    internal static PagingState Decode(string token, string expectedQuery)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(token);
        var state = StateCodec.TryDecode(token, Prefix, PagingJsonContext.Default.PagingState);
        if (state is null || state.Page < 1 || state.Recent is null)
        {
            throw new ArgumentException(
                "The continuation token is not one this SDK produced (it may be truncated): pass the ContinuationToken of a CallPage as it was, or start without one.",
                nameof(token));
        }

        if (!string.Equals(state.Query, expectedQuery, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                "The continuation token belongs to another query (different time range, filters or fetch flags): resume with the CallQuery that produced it.",
                nameof(token));
        }

        return state;
    }

    /// <summary>A copy of the state as it is now, for a page to keep (the enumeration goes on changing its own).</summary>
    internal PagingState Snapshot() => (PagingState)MemberwiseClone();

    internal string Encode() => StateCodec.Encode(Prefix, this, PagingJsonContext.Default.PagingState);

    /// <summary>The state inside a continuation token, without checking its query; <c>null</c> if it is not one.</summary>
    internal static PagingState? Peek(string token) => StateCodec.TryDecode(token, Prefix, PagingJsonContext.Default.PagingState);
}

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(PagingState))]
[JsonSerializable(typeof(Aircall.CallSync.Sync.SyncCheckpoint))]
[JsonSerializable(typeof(Aircall.CallSync.Http.RateLimitStateData))]
internal sealed partial class PagingJsonContext : JsonSerializerContext
{
}
