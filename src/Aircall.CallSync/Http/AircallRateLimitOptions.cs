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
}
