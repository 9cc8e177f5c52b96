using System.Text.Json.Serialization;

namespace Aircall.CallSync.Http;

/// <summary>
/// The wire form of a <see cref="RateLimitState"/>: every time is in whole milliseconds relative to <see cref="CapturedAt"/>
/// (UTC, UNIX milliseconds), rounded so that the restored state is never less strict than the one captured (request
/// times later, blocks and resets later). Fields are only ever added, each optional with a default that means "not known".
/// </summary>
internal sealed class RateLimitStateData
{
    /// <summary>When it was captured: UNIX milliseconds, UTC (the writer's <c>TimeProvider.GetUtcNow</c>).</summary>
    [JsonPropertyName("at")] public long CapturedAt { get; set; }

    /// <summary>How long before <see cref="CapturedAt"/> each counted request was, in milliseconds, newest first.</summary>
    [JsonPropertyName("log")] public List<long>? Ages { get; set; }

    /// <summary>After a 429: milliseconds after <see cref="CapturedAt"/> until which every request waits.</summary>
    [JsonPropertyName("blk")] public long? BlockedFor { get; set; }

    /// <summary><c>X-AircallApi-Remaining</c> as the limiter counted it down, valid until <see cref="ResetIn"/>.</summary>
    [JsonPropertyName("rem")] public int? Remaining { get; set; }

    /// <summary>Milliseconds after <see cref="CapturedAt"/> when Aircall's budget turns over.</summary>
    [JsonPropertyName("rst")] public long? ResetIn { get; set; }

    /// <summary>A limit lower than the configured one that Aircall announced (<c>X-AircallApi-Limit</c>).</summary>
    [JsonPropertyName("lim")] public int? Limit { get; set; }

    /// <summary>The smoothed request latency (send to response headers), microseconds.</summary>
    [JsonPropertyName("lat")] public long? Latency { get; set; }

    /// <summary>The smoothed deviation of the request latency, microseconds.</summary>
    [JsonPropertyName("latv")] public long? LatencyDeviation { get; set; }

    /// <summary>
    /// <c>true</c> when the writer sends no request after capturing it (its run ended). Absent or <c>false</c>: the
    /// writer may have sent one more request that the state does not hold (a process killed during a request), and
    /// whoever restores it counts one at the moment of restoring.
    /// </summary>
    [JsonPropertyName("end")] public bool Closed { get; set; }
}
