using Microsoft.Extensions.Logging;

namespace Aircall.CallSync.Http;

/// <summary>What an <see cref="AircallClient"/> created by the factory shares with the rest of the SDK.</summary>
/// <param name="TimeProvider">The clock (enumeration bounds, page versions).</param>
/// <param name="Loggers">Where enumerations log; <c>null</c> for none.</param>
/// <param name="RateLimit">Reads the account's rate-limiter statistics.</param>
/// <param name="MaxClockSkew">How far a response's <c>Date</c> may be from the local clock and still version a page.</param>
internal sealed record AircallClientServices(TimeProvider TimeProvider, ILoggerFactory? Loggers, Func<RateLimitStatistics> RateLimit, TimeSpan MaxClockSkew)
{
    internal static AircallClientServices Default { get; } = new(TimeProvider.System, null, static () => RateLimitStatistics.Empty, Storage.SnapshotVersion.DefaultMaxClockSkew);

    /// <summary>The account's limiter, created on first use; <c>null</c> for clients without one (mocks).</summary>
    internal Func<AccountRateLimiter>? Limiter { get; init; }

    /// <summary>Captures the account's limiter state (empty when the client has no limiter).</summary>
    internal RateLimitStateData ExportRateLimit(bool closed)
        => Limiter?.Invoke().Export(closed)
           ?? new RateLimitStateData { CapturedAt = TimeProvider.GetUtcNow().ToUnixTimeMilliseconds(), Ages = [], Closed = closed };

    /// <summary>Merges a captured state into the account's limiter (nothing for clients without one).</summary>
    internal void RestoreRateLimit(RateLimitStateData state) => Limiter?.Invoke().Restore(state);

    internal TimeSpan RateLimitWait() => Limiter?.Invoke().WaitEstimate() ?? TimeSpan.Zero;
}
