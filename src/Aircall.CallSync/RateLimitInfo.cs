namespace Aircall.CallSync;

/// <summary>
/// Aircall's rate-limit headers (<c>X-AircallApi-Limit</c>, <c>-Remaining</c>, <c>-Reset</c>) and <c>Retry-After</c>.
/// Aircall may send them only once the limit is reached; every field is optional.
/// </summary>
public sealed class RateLimitInfo
{
    /// <summary>Requests allowed per window.</summary>
    public int? Limit { get; init; }

    /// <summary>Requests left in the current window.</summary>
    public int? Remaining { get; init; }

    /// <summary>
    /// When the window resets: from <c>X-AircallApi-Reset</c> (epoch seconds, or milliseconds for values of 10^12 and
    /// more), else from <c>Retry-After</c>.
    /// </summary>
    public DateTimeOffset? ResetAt { get; init; }
}
