using System.Collections.Concurrent;
using Aircall.CallSync.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Http;

/// <summary>
/// One <see cref="AccountRateLimiter"/> per account key, for the life of the service provider: every client, every
/// enumeration and every rotated IHttpClientFactory handler of an account share it. Thread-safe.
/// </summary>
internal sealed class RateLimiterRegistry(IOptionsMonitor<AircallOptions> options, TimeProvider timeProvider)
{
    /// <summary>The key of requests sent without an account key (through the named HttpClient directly).</summary>
    internal const string UnknownAccount = "unknown";

    private readonly ConcurrentDictionary<string, AccountRateLimiter> _limiters = new(StringComparer.Ordinal);

    public AccountRateLimiter Get(string accountKey)
        => _limiters.GetOrAdd(accountKey, static (_, state) =>
        {
            var limits = state.options.CurrentValue.RateLimit;
            return new AccountRateLimiter(limits.PermitLimit, limits.Window, state.timeProvider);
        }, (options, timeProvider));

    private int _inPipeline;
    private int _inBackoff;

    /// <summary>
    /// Whether a request is being worked on rather than waiting for time to pass: one is inside the pipeline and not
    /// waiting for its rate-limit turn or a retry backoff. Test clocks read this before jumping ahead, so that time never
    /// moves under a request on its way to the server. Cheap counters; no effect on behaviour.
    /// </summary>
    internal bool IsBusy()
    {
        var waiting = Volatile.Read(ref _inBackoff);
        foreach (var limiter in _limiters.Values)
        {
            waiting += limiter.WaitingCount();
        }

        return Volatile.Read(ref _inPipeline) > waiting;
    }

    internal void EnterPipeline() => Interlocked.Increment(ref _inPipeline);

    internal void ExitPipeline(HttpRequestMessage request)
    {
        ExitBackoff(request);
        Interlocked.Decrement(ref _inPipeline);
    }

    internal void EnterBackoff(HttpRequestMessage? request)
    {
        if (request is not null && !(request.Options.TryGetValue(BackoffOption, out var already) && already))
        {
            request.Options.Set(BackoffOption, true);
            Interlocked.Increment(ref _inBackoff);
        }
    }

    internal void ExitBackoff(HttpRequestMessage request)
    {
        if (request.Options.TryGetValue(BackoffOption, out var waiting) && waiting)
        {
            request.Options.Set(BackoffOption, false);
            Interlocked.Decrement(ref _inBackoff);
        }
    }

    private static readonly HttpRequestOptionsKey<bool> BackoffOption = new("Aircall.CallSync.InBackoff");

    public bool TryGet(string accountKey, out AccountRateLimiter? limiter) => _limiters.TryGetValue(accountKey, out limiter);
}
