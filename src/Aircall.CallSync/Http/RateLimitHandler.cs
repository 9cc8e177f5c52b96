namespace Aircall.CallSync.Http;

/// <summary>
/// Sits inside the resilience pipeline, so every attempt (retries included) waits for its account's
/// <see cref="AccountRateLimiter"/> before it is sent, every response teaches the limiter what Aircall said, and the time
/// from sending to the response headers sizes the limiter's margin.
/// </summary>
internal sealed class RateLimitHandler(RateLimiterRegistry registry, IRequestPipelineObserver? observer = null) : DelegatingHandler
{
    /// <summary>When the response headers arrived (a <see cref="TimeProvider"/> timestamp), set by <see cref="ResponseBufferingHandler"/>.</summary>
    internal static readonly HttpRequestOptionsKey<long> HeadersReceivedKey = new("Aircall.CallSync.HeadersReceived");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var key = request.Options.TryGetValue(AccountRequestHandler.AccountKeyOption, out var accountKey) && accountKey is not null
            ? accountKey
            : RateLimiterRegistry.UnknownAccount;
        observer?.AttemptStarted(request);
        var limiter = registry.Get(key);
        var ticket = await limiter.AcquireAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var time = limiter.TimeProvider;
            var sent = time.GetTimestamp();
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var headers = request.Options.TryGetValue(HeadersReceivedKey, out var received) && received >= sent ? received : time.GetTimestamp();
            limiter.RecordLatency(time.GetElapsedTime(sent, headers));
            limiter.OnResponse(ticket, response.StatusCode, response.Headers);
            return response;
        }
        finally
        {
            limiter.Release(ticket);
        }
    }
}
