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
}
