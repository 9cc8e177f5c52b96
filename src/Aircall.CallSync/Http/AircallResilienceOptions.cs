namespace Aircall.CallSync;

/// <summary>
/// Retries and timeouts of requests to Aircall (<c>Aircall:Resilience</c>). A 429 is always retried once the account's
/// budget resets; 5xx answers, timeouts and dropped connections are retried with exponential backoff for idempotent
/// requests only (GET, PUT, DELETE), never for POST. A request that got no answer at all once the retries are spent
/// (connection refused, DNS, TLS, timeouts) fails with an <see cref="AircallConnectionException"/>.
/// </summary>
public sealed class AircallResilienceOptions
{
    /// <summary>Retries after the first attempt (<c>Aircall:Resilience:MaxRetryAttempts</c>), 6 by default; 0 disables retries.</summary>
    public int MaxRetryAttempts { get; set; } = 6;

    /// <summary>The first backoff delay, doubled at each retry with jitter (<c>Aircall:Resilience:BaseDelay</c>), 1 second by default.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How long one attempt may take once it has been let through the rate limiter, reading the whole response body
    /// included (<c>Aircall:Resilience:AttemptTimeout</c>), 30 seconds by default. A server that stalls mid-body fails the
    /// attempt with a timeout, retried like any other for idempotent requests.
    /// </summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The largest response body read, in bytes (<c>Aircall:Resilience:MaxResponseBodyBytes</c>), 16 MiB by default; at
    /// least 65,536. Every body is read into memory inside the attempt (so the attempt timeout covers it); a page of 50
    /// calls is a few hundred KB. A larger body fails with an <see cref="HttpRequestException"/> whose
    /// <see cref="HttpRequestException.HttpRequestError"/> is <see cref="HttpRequestError.ConfigurationLimitExceeded"/>,
    /// not retried.
    /// </summary>
    public int MaxResponseBodyBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// How long a request may take in all, rate-limit waits and retries included (<c>Aircall:Resilience:TotalTimeout</c>).
    /// <c>null</c> (default) means three rate-limit windows, at least five minutes. It must be longer than one rate-limit
    /// window plus one attempt, or a request queued behind a spent budget could never be sent.
    /// </summary>
    public TimeSpan? TotalTimeout { get; set; }

    /// <summary>The total timeout in force for a given rate-limit window.</summary>
    /// <param name="rateLimitWindow">The rate-limit window.</param>
    internal TimeSpan GetTotalTimeout(TimeSpan rateLimitWindow)
        => TotalTimeout ?? TimeSpan.FromTicks(Math.Max(TimeSpan.FromMinutes(5).Ticks, rateLimitWindow.Ticks * 3));
}
