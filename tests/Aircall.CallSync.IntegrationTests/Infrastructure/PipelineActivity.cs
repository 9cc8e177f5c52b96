using System.Collections.Concurrent;
using Aircall.CallSync.Http;

namespace Aircall.CallSync.IntegrationTests.Infrastructure;

/// <summary>
/// What the virtual clock needs to know before it jumps: how many requests are inside the SDK's pipeline, and which of
/// them are only waiting (a retry backoff here, a rate-limit turn in the limiters). Registered by
/// <see cref="SyncHarness"/> as the pipeline's <see cref="IRequestPipelineObserver"/>; the SDK has none by default.
/// </summary>
internal sealed class PipelineActivity(TimeProvider timeProvider) : IRequestPipelineObserver
{
    private readonly ConcurrentDictionary<HttpRequestMessage, long> _backoffs = new();
    private int _inPipeline;

    public void RequestStarted(HttpRequestMessage request) => Interlocked.Increment(ref _inPipeline);

    public void RequestEnded(HttpRequestMessage request)
    {
        _backoffs.TryRemove(request, out _);
        Interlocked.Decrement(ref _inPipeline);
    }

    public void BackoffStarted(HttpRequestMessage request, TimeSpan delay)
    {
        if (delay > TimeSpan.Zero)
        {
            var ticks = (long)(delay.Ticks * (timeProvider.TimestampFrequency / (double)TimeSpan.TicksPerSecond));
            _backoffs[request] = timeProvider.GetTimestamp() + ticks;
        }
    }

    public void AttemptStarted(HttpRequestMessage request) => _backoffs.TryRemove(request, out _);

    /// <summary>
    /// Whether a request is being worked on rather than waiting for time to pass: a request is inside the pipeline and
    /// not waiting for its rate-limit turn or a retry backoff. <paramref name="nextWakeIn"/> is the earliest moment a
    /// waiting request wakes, from now.
    /// </summary>
    public bool IsBusy(RateLimiterRegistry limiters, out TimeSpan? nextWakeIn)
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
                nextWakeIn = Earliest(nextWakeIn, remaining);
            }
        }

        foreach (var limiter in limiters.All)
        {
            var (count, next) = limiter.Waiting();
            waiting += count;
            if (next is { } n)
            {
                nextWakeIn = Earliest(nextWakeIn, n);
            }
        }

        return Volatile.Read(ref _inPipeline) > waiting;
    }

    private static TimeSpan Earliest(TimeSpan? current, TimeSpan candidate) => current is { } c && c <= candidate ? c : candidate;
}
