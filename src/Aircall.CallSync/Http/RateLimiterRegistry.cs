using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;


namespace Aircall.CallSync.Http;

/// <summary>
/// One <see cref="AccountRateLimiter"/> per account key, for the life of the service provider: every client, every
/// enumeration and every rotated IHttpClientFactory handler of an account share it. Thread-safe.
/// </summary>
internal sealed class RateLimiterRegistry(IOptionsMonitor<AircallOptions> options, TimeProvider timeProvider, ILoggerFactory loggers) : IDisposable
{
    /// <summary>The key of requests sent without an account key (through the named HttpClient directly).</summary>
    internal const string UnknownAccount = "unknown";

    private readonly ConcurrentDictionary<string, AccountRateLimiter> _limiters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<HttpRequestMessage, long> _backoffs = new();
    private int _inPipeline;

    public AccountRateLimiter Get(string accountKey)
        => _limiters.GetOrAdd(accountKey, static (_, state) =>
        {
            var limits = state.options.CurrentValue.RateLimit;
            return new AccountRateLimiter(
                limits.PermitLimit, limits.Window, state.timeProvider, limits.MaxResetWait, state.loggers.CreateLogger<AccountRateLimiter>());
        }, (options, timeProvider, loggers));

    /// <summary>Stops every limiter's timer (the service provider is being disposed).</summary>
    public void Dispose()
    {
        foreach (var limiter in _limiters.Values)
        {
            limiter.Dispose();
        }
    }

    public bool TryGet(string accountKey, out AccountRateLimiter? limiter) => _limiters.TryGetValue(accountKey, out limiter);

    /// <summary>
    /// Whether a request is being worked on rather than waiting for time to pass: a request is inside the pipeline and
    /// not waiting for its rate-limit turn or a retry backoff. With <paramref name="nextWakeIn"/>, the earliest moment a
    /// waiting request wakes, from now. Test clocks read this before jumping ahead, so that time never moves under a
    /// request on its way to the server. Cheap counters; no effect on behaviour.
    /// </summary>
    internal bool IsBusy(out TimeSpan? nextWakeIn)
    {
        var waiting = 0;
        nextWakeIn = null;
        var nowTimestamp = timeProvider.GetTimestamp();
        foreach (var until in _backoffs.Values)
        {
            var remaining = timeProvider.GetElapsedTime(nowTimestamp, until);
            if (remaining > TimeSpan.Zero)
            {
                waiting++;
                nextWakeIn = nextWakeIn is null || remaining < nextWakeIn ? remaining : nextWakeIn;
            }
        }

        foreach (var limiter in _limiters.Values)
        {
            var (count, next) = limiter.Waiting();
            waiting += count;
            if (next is { } n && (nextWakeIn is null || n < nextWakeIn))
            {
                nextWakeIn = n;
            }
        }

        return Volatile.Read(ref _inPipeline) > waiting;
    }

    internal void EnterPipeline() => Interlocked.Increment(ref _inPipeline);

    internal void ExitPipeline(HttpRequestMessage request)
    {
        ExitBackoff(request);
        Interlocked.Decrement(ref _inPipeline);
    }

    /// <summary>A retry of <paramref name="request"/> will start after <paramref name="delay"/>.</summary>
    internal void EnterBackoff(HttpRequestMessage? request, TimeSpan delay)
    {
        if (request is not null && delay > TimeSpan.Zero)
        {
            var ticks = (long)(delay.Ticks * (timeProvider.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
            _backoffs[request] = timeProvider.GetTimestamp() + ticks;
        }
    }

    internal void ExitBackoff(HttpRequestMessage request) => _backoffs.TryRemove(request, out _);
}
