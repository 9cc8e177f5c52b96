namespace Aircall.CallSync.Http;

/// <summary>
/// Sits inside the resilience pipeline, so every attempt (retries included) waits for its account's
/// <see cref="AccountRateLimiter"/> before it is sent, and every response teaches the limiter what Aircall said.
/// </summary>
internal sealed class RateLimitHandler(RateLimiterRegistry registry, IRequestPipelineObserver? observer = null) : DelegatingHandler
{
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
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            limiter.OnResponse(ticket, response.StatusCode, response.Headers);
            return response;
        }
        finally
        {
            limiter.Release(ticket);
        }
    }
}
