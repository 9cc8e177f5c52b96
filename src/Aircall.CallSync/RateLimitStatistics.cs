namespace Aircall.CallSync;

/// <summary>
/// What the client-side rate limiter of one Aircall account has done since the process started (a snapshot). The
/// limiter is shared by every client and enumeration of the account, so these figures are the account's, not one
/// client's: subtract two snapshots to measure a period.
/// </summary>
/// <param name="Requests">Requests that were let through (each retry counts).</param>
/// <param name="Waits">How many of them had to wait for the budget.</param>
/// <param name="TotalWait">The time they spent waiting, added up.</param>
/// <param name="RateLimitedResponses">429 answers received from Aircall.</param>
public sealed record RateLimitStatistics(long Requests, long Waits, TimeSpan TotalWait, long RateLimitedResponses)
{
    /// <summary>No activity.</summary>
    public static RateLimitStatistics Empty { get; } = new(0, 0, TimeSpan.Zero, 0);

    /// <summary>The activity between <paramref name="earlier"/> and this snapshot.</summary>
    /// <param name="earlier">A snapshot taken before this one.</param>
    public RateLimitStatistics Since(RateLimitStatistics earlier)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        return new(Requests - earlier.Requests, Waits - earlier.Waits, TotalWait - earlier.TotalWait, RateLimitedResponses - earlier.RateLimitedResponses);
    }
}
