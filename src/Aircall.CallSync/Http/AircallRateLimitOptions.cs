namespace Aircall.CallSync;

/// <summary>
/// How many requests may start within any window, per Aircall account. Aircall's documentation states both 60 and 120
/// requests a minute per company; 60 is the safe default. The budget is shared by every integration on the company, so
/// leave room for the others.
/// </summary>
public sealed class AircallRateLimitOptions
{
    /// <summary>Requests allowed to start within any <see cref="Window"/> (<c>Aircall:RateLimit:PermitLimit</c>), 60 by default.</summary>
    public int PermitLimit { get; set; } = 60;

    /// <summary>The sliding window (<c>Aircall:RateLimit:Window</c>, a TimeSpan such as <c>00:01:00</c>), one minute by default.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The longest wait an <c>X-AircallApi-Reset</c> or <c>Retry-After</c> from Aircall may impose on the account
    /// (<c>Aircall:RateLimit:MaxResetWait</c>, a TimeSpan). <c>null</c> (default) means two <see cref="Window"/>s: Aircall's
    /// budget turns over within a window. A reset further ahead (a day, the year 2100) is treated as garbage: it is logged
    /// once per account and the account waits one window instead. When set, it must be at least one window.
    /// </summary>
    public TimeSpan? MaxResetWait { get; set; }

    /// <summary>
    /// The smallest margin added to every wait for the budget (<c>Aircall:RateLimit:MinMargin</c>, a TimeSpan), 10 ms by
    /// default. The margin is sized from the measured latency of the account's requests (send to response headers: the
    /// smoothed latency plus four smoothed deviations), so that a request let through at the edge of the window cannot
    /// reach Aircall inside the window it must be clear of; this floor covers the clocks' rounding. Zero or more.
    /// </summary>
    public TimeSpan MinMargin { get; set; } = DefaultMinMargin;

    /// <summary>
    /// The largest margin (<c>Aircall:RateLimit:MaxMargin</c>, a TimeSpan), one second by default, and never more than half
    /// the <see cref="Window"/>: a slow spell does not stall the account. At least <see cref="MinMargin"/>.
    /// </summary>
    public TimeSpan MaxMargin { get; set; } = DefaultMaxMargin;

    internal static TimeSpan DefaultMinMargin { get; } = TimeSpan.FromMilliseconds(10);

    internal static TimeSpan DefaultMaxMargin { get; } = TimeSpan.FromSeconds(1);
}
