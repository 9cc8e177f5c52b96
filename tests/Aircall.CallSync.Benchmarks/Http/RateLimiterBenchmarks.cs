using System.Net;
using System.Net.Http.Headers;
using Aircall.CallSync.Benchmarks.Infrastructure;
using Aircall.CallSync.Http;
using BenchmarkDotNet.Attributes;

namespace Aircall.CallSync.Benchmarks.Http;

/// <summary>
/// What the per-account limiter costs a request that does not have to wait: <c>AcquireAsync</c> with the sliding log
/// full (the steady state of a long sync) and <c>Release</c>, as <c>RateLimitHandler</c> runs them around every attempt,
/// with and without learning from a response that carries no rate-limit headers. A stepping clock moves one second per
/// reading, so 60 requests per second never have to wait and the benchmark measures bookkeeping, not sleeping.
/// </summary>
[MemoryDiagnoser]
public class RateLimiterBenchmarks : IDisposable
{
    private AccountRateLimiter _limiter = null!;
    private HttpResponseHeaders _headers = null!;

    [GlobalSetup]
    public void Setup()
    {
        _limiter = new AccountRateLimiter(60, TimeSpan.FromSeconds(1), new SteppingClock());
        using (var response = new HttpResponseMessage(HttpStatusCode.OK))
        {
            _headers = response.Headers; // disposing the message disposes its content, not its headers
        }

        for (var i = 0; i < 120; i++)
        {
            AcquireRelease(); // fill the sliding log
        }

        if (_limiter.Statistics.Waits != 0)
        {
            throw new InvalidOperationException("The limiter waited: the benchmark would measure sleeping.");
        }
    }

    [Benchmark(Baseline = true, Description = "AcquireAsync + Release (no wait)")]
    public long AcquireRelease()
    {
        var ticket = Synchronously.Result(_limiter.AcquireAsync(CancellationToken.None));
        _limiter.Release(ticket);
        return ticket;
    }

    [Benchmark(Description = "AcquireAsync + OnResponse(200, no headers) + Release")]
    public long AcquireRespondRelease()
    {
        var ticket = Synchronously.Result(_limiter.AcquireAsync(CancellationToken.None));
        _limiter.OnResponse(ticket, HttpStatusCode.OK, _headers);
        _limiter.Release(ticket);
        return ticket;
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _limiter?.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A monotonic clock that advances one second each time it is read.</summary>
    private sealed class SteppingClock : TimeProvider
    {
        private long _ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref _ticks, TimeSpan.TicksPerSecond);
    }
}
