using System.Diagnostics.CodeAnalysis;
using Aircall.CallSync.Http;

namespace Aircall.CallSync;

/// <summary>
/// What an account's client-side rate limiter knows about the account's recent budget, captured to hand it over to
/// another process: the times of the requests it counted within the last window, the block after a 429, Aircall's
/// remaining budget and lower limit when its headers said so, and the measured request latency. Get one with
/// <see cref="AircallClient.ExportRateLimitState"/>, store it as the compact string of <see cref="Encode"/> (a few hundred
/// characters, safe in URLs, file names and database columns), and give it back with
/// <see cref="AircallClient.RestoreRateLimitState"/> in the process that runs the account next, before its first request,
/// so that a restart or a move to another worker never draws a 429. <see cref="Sync.CallSyncRunner"/> does all of this
/// inside its checkpoint. Immutable and thread-safe.
/// </summary>
/// <remarks>
/// Times are wall-clock UTC (<see cref="TimeProvider.GetUtcNow"/>), so the processes' clocks must agree (NTP): a restoring
/// clock that is behind the writer's by more than the limiter's margin weakens the hand-over by that much. A state is
/// data from outside the process and is bounded when restored (see <see cref="AircallClient.RestoreRateLimitState"/>).
/// </remarks>
public sealed class RateLimitState
{
    private const string Prefix = "rl1.";

    internal RateLimitState(RateLimitStateData data)
    {
        Data = data;
        CapturedAt = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(data.CapturedAt, 0, DateTimeOffset.MaxValue.ToUnixTimeMilliseconds()));
        var times = new List<DateTimeOffset>(data.Ages?.Count ?? 0);
        if (data.Ages is { } ages)
        {
            for (var i = ages.Count - 1; i >= 0; i--)
            {
                times.Add(CapturedAt - TimeSpan.FromMilliseconds(Math.Clamp(ages[i], 0, (long)TimeSpan.FromDays(1).TotalMilliseconds)));
            }
        }

        times.Sort();
        RecentRequests = times.AsReadOnly();
        BlockedUntil = data.BlockedFor is { } blocked && blocked > 0 ? CapturedAt + TimeSpan.FromMilliseconds(Math.Min(blocked, (long)TimeSpan.FromDays(1).TotalMilliseconds)) : null;
    }

    internal RateLimitStateData Data { get; }

    /// <summary>When the state was captured (UTC, millisecond precision).</summary>
    public DateTimeOffset CapturedAt { get; }

    /// <summary>The times (UTC) of the requests the limiter counted within the last window, oldest first.</summary>
    public IReadOnlyList<DateTimeOffset> RecentRequests { get; }

    /// <summary>After a 429: until when every request of the account waits (UTC); <c>null</c> when not blocked.</summary>
    public DateTimeOffset? BlockedUntil { get; }

    /// <summary>The state as a compact opaque string (<c>rl1.</c> and base64url JSON), for <see cref="Parse"/>.</summary>
    public string Encode() => StateCodec.Encode(Prefix, Data, PagingJsonContext.Default.RateLimitStateData);

    /// <summary>Reads a string made by <see cref="Encode"/>.</summary>
    /// <param name="text">The string, as <see cref="Encode"/> returned it.</param>
    /// <exception cref="FormatException">
    /// The string is not one this SDK wrote (it may have been truncated). Nothing is lost by dropping it: start without a
    /// state, and the limiter counts from the first request.
    /// </exception>
    public static RateLimitState Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var state)
            ? state
            : throw new FormatException("The rate-limit state is not one this SDK wrote (it may have been truncated): pass the string RateLimitState.Encode returned, or start without one.");
    }

    /// <summary>Reads a string made by <see cref="Encode"/>; <c>false</c> when it is not one.</summary>
    /// <param name="text">The string.</param>
    /// <param name="state">The state, when the result is <c>true</c>.</param>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RateLimitState? state)
    {
        var data = string.IsNullOrEmpty(text) ? null : StateCodec.TryDecode(text, Prefix, PagingJsonContext.Default.RateLimitStateData);
        state = data is null ? null : new RateLimitState(data);
        return state is not null;
    }

    /// <summary>Describes the state (counts and times only; it holds no secret).</summary>
    public override string ToString()
        => FormattableString.Invariant($"RateLimitState (captured {CapturedAt:O}, {RecentRequests.Count} recent requests{(BlockedUntil is { } until ? $", blocked until {until:O}" : string.Empty)})");
}
