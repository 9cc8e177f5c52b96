using System.Net;
using Aircall.CallSync.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Aircall.CallSync.Http;

/// <summary>
/// The HTTP pipeline of every Aircall request, outermost first: the connection-failure translation (an answer never came:
/// <see cref="AircallConnectionException"/>), total timeout, retry, circuit breaker (this pipeline),
/// then the account's rate limiter (so every attempt pays), then the attempt timeout (so waiting for the budget does not
/// eat into it), then telemetry (each attempt recorded), then the body read (so the attempt timeout bounds the body too).
/// </summary>
internal static class AircallResilience
{
    internal const string PipelineName = "Aircall.CallSync";
    internal const string AttemptPipelineName = "Aircall.CallSync.Attempt";

    internal static IHttpClientBuilder AddAircallPipeline(this IHttpClientBuilder builder)
    {
        builder.AddHttpMessageHandler<ConnectionFailureHandler>();
        builder.AddResilienceHandler(PipelineName, static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<AircallOptions>>().CurrentValue;
            ConfigureOuter(pipeline, options, context.ServiceProvider.GetService<IRequestPipelineObserver>());
        });
        builder.AddHttpMessageHandler<RateLimitHandler>();
        builder.AddResilienceHandler(AttemptPipelineName, static (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptionsMonitor<AircallOptions>>().CurrentValue;
            pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "attempt", Timeout = options.Resilience.AttemptTimeout });
        });
        builder.AddHttpMessageHandler<TelemetryHandler>();
        builder.AddHttpMessageHandler<ResponseBufferingHandler>();
        return builder;
    }

    internal static void ConfigureOuter(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, AircallOptions options, IRequestPipelineObserver? observer)
    {
        var resilience = options.Resilience;
        pipeline.AddTimeout(new HttpTimeoutStrategyOptions { Name = "total", Timeout = resilience.GetTotalTimeout(options.RateLimit.Window) });
        if (resilience.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new HttpRetryStrategyOptions
            {
                Name = "retry",
                MaxRetryAttempts = resilience.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = resilience.BaseDelay,
                ShouldRetryAfterHeader = false,
                ShouldHandle = static args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context)),
                // A 429 is retried at once: the account's rate limiter holds the attempt until Aircall's reset, and holds
                // every other request of the account with it.
                DelayGenerator = static args => ValueTask.FromResult<TimeSpan?>(
                    args.Outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests ? TimeSpan.Zero : null),
                OnRetry = args =>
                {
                    AircallTelemetry.Retries.Add(1, new KeyValuePair<string, object?>("reason", ReasonOf(args.Outcome)));
                    if (args.Context.GetRequestMessage() is { } request)
                    {
                        // For the message of a connection failure, should the retries end without an answer.
                        request.Options.Set(ConnectionFailureHandler.RetriedKey, new(args.AttemptNumber + 1, args.Outcome.Exception));
                        observer?.BackoffStarted(request, args.RetryDelay);
                    }

                    return default;
                },
            });
        }

        pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
        {
            Name = "circuit-breaker",
            FailureRatio = 0.5,
            MinimumThroughput = 20,
            SamplingDuration = TimeSpan.FromSeconds(60),
            BreakDuration = TimeSpan.FromSeconds(15),
            // Server failures only: a 429 is the budget, not an outage, and never opens the circuit.
            ShouldHandle = static args => ValueTask.FromResult(IsServerFailure(args.Outcome)),
        });
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context)
    {
        if (outcome.Result?.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return true; // Aircall refused the request without acting on it: safe for every method.
        }

        if (outcome.Exception is OperationCanceledException)
        {
            return false;
        }

        var request = outcome.Result?.RequestMessage ?? context.GetRequestMessage();
        return request is not null && IsIdempotent(request.Method)
               && (IsServerFailure(outcome) || outcome.Exception is BrokenCircuitException);
    }

    // A body over Aircall:Resilience:MaxResponseBodyBytes is not an outage: the same request would get it again.
    internal static bool IsServerFailure(Outcome<HttpResponseMessage> outcome)
        => outcome.Exception is HttpRequestException { HttpRequestError: not HttpRequestError.ConfigurationLimitExceeded }
               or TimeoutRejectedException or IOException
           || (outcome.Result is { } response && (int)response.StatusCode >= 500);

    internal static bool IsIdempotent(HttpMethod method)
        => method == HttpMethod.Get || method == HttpMethod.Head || method == HttpMethod.Put || method == HttpMethod.Delete
           || method == HttpMethod.Options;

    private static string ReasonOf(Outcome<HttpResponseMessage> outcome) => outcome switch
    {
        { Result.StatusCode: HttpStatusCode.TooManyRequests } => "429",
        { Result: { } response } => ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
        { Exception: TimeoutRejectedException } => "timeout",
        { Exception: BrokenCircuitException } => "circuit-open",
        _ => "connection",
    };
}
