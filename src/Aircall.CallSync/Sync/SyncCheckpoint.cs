using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aircall.CallSync.Sync;

/// <summary>
/// What <see cref="CallSyncRunner"/> saves after each stored page: where the run started, the paging state to resume
/// from (in the middle of a run), the upper bound of the last completed run, and the account's rate-limiter state
/// (<see cref="RateLimit"/>), so that whichever process runs the sync next spends no request the last one already spent.
/// Encoded by <see cref="StateCodec"/> as <c>cs2.</c> and base64url JSON; the paging and rate-limit states are nested as
/// JSON, not as second encoded tokens. Fields are only ever added: a checkpoint without <c>rl</c> (written before it
/// existed) reads as before, and an older SDK ignores it.
/// </summary>
internal sealed class SyncCheckpoint
{
    private const string Prefix = "cs2.";

    /// <summary>The format before 0.2: standard base64, with the page's continuation token nested as a string.</summary>
    private const string LegacyPrefix = "cs1.";

    [JsonPropertyName("from")] public long? RunFrom { get; set; }

    /// <summary>The paging state of the last stored page of an unfinished run.</summary>
    [JsonPropertyName("page")] public PagingState? Page { get; set; }

    /// <summary>A continuation token the SDK could not look into (a mocked enumeration's), kept as it was.</summary>
    [JsonPropertyName("token")] public string? Token { get; set; }

    [JsonPropertyName("done_to")] public long? CompletedTo { get; set; }

    /// <summary>The account's rate-limiter state when the checkpoint was saved; <c>null</c> in checkpoints written before it.</summary>
    [JsonPropertyName("rl")] public Http.RateLimitStateData? RateLimit { get; set; }

    /// <summary>Where an unfinished run resumes: the continuation token to hand the enumeration, or <c>null</c>.</summary>
    [JsonIgnore] public string? ResumeToken => Page?.Encode() ?? Token;

    /// <summary>Records the page the store now has (or, after the last page, clears the resume point).</summary>
    internal void After(CallPage page)
    {
        if (page.IsLast)
        {
            Page = null;
            Token = null;
            CompletedTo = page.To.ToUnixTimeSeconds();
            RunFrom = null;
            return;
        }

        Page = page.State ?? PagingState.Peek(page.ContinuationToken);
        Token = Page is null ? page.ContinuationToken : null;
    }

    internal static SyncCheckpoint? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var checkpoint = StateCodec.TryDecode(text, Prefix, PagingJsonContext.Default.SyncCheckpoint) ?? DecodeLegacy(text);
        return checkpoint ?? throw new InvalidOperationException(
            "The saved sync checkpoint is not one this SDK wrote (it may have been truncated by the checkpoint store): "
            + "delete it to start a full sync again, or fix the store so it returns the string it was given.");
    }

    internal string Encode() => StateCodec.Encode(Prefix, this, PagingJsonContext.Default.SyncCheckpoint);

    private static SyncCheckpoint? DecodeLegacy(string text)
    {
        if (!text.StartsWith(LegacyPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            var json = Encoding.UTF8.GetString(Convert.FromBase64String(text[LegacyPrefix.Length..]));
            return JsonSerializer.Deserialize(json, PagingJsonContext.Default.SyncCheckpoint);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }
}
