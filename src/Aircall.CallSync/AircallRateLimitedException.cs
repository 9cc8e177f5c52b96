namespace Aircall.CallSync;

/// <summary>
/// Aircall answered 429: the company's request budget is spent. <see cref="ResetAt"/> says when it refills, when
/// Aircall told us.
/// </summary>
public sealed class AircallRateLimitedException : AircallApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">The parsed response, including its rate-limit headers.</param>
    public AircallRateLimitedException(AircallErrorDetails details)
        : base(details)
    {
    }

    /// <summary>When the budget resets (from <c>X-AircallApi-Reset</c> or <c>Retry-After</c>); <c>null</c> when unknown.</summary>
    public DateTimeOffset? ResetAt => Details.RateLimit?.ResetAt;

    /// <summary>The request budget per window (<c>X-AircallApi-Limit</c>), when sent.</summary>
    public int? Limit => Details.RateLimit?.Limit;
}
