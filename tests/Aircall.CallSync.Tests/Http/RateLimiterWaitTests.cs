using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Aircall.CallSync.Http;
using Aircall.CallSync.Tests.TestSupport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.Tests.Http;

/// <summary>
/// A request that never went out gives its place back (issue 11, item 7), and a reset from the wire is bounded before
/// anyone waits on it (item 8). On a fake clock: every assertion is about what the limiter let through, and when on
/// that clock.
/// </summary>
public sealed class RateLimiterWaitTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1); // margin: 20 ms

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Cancelled_waits_give_their_places_back()
    {
        // 200 pings at 10 a second, all cancelled after 300 ms: 10 went out, 190 never did.
        var limiter = new AccountRateLimiter(10, Window, _time);
        using var cancel = new CancellationTokenSource();
        var pings = Enumerable.Range(0, 200).Select(async _ =>
        {
            var ticket = await limiter.AcquireAsync(cancel.Token);
            limiter.Release(ticket);
        }).ToList();
        _time.Advance(TimeSpan.FromMilliseconds(300));
        await cancel.CancelAsync();
        var outcomes = await Task.WhenAll(pings.Select(async p =>
        {
            try
            {
                await p;
                return "sent";
            }
            catch (OperationCanceledException)
            {
                return "cancelled";
            }
        }));
        outcomes.Count(o => o == "sent").Should().Be(10);
        limiter.Waiting().Count.Should().Be(0);

        // The next ping, alone, waits only for the ten that went out: a window and the margin after them.
        var next = limiter.AcquireAsync(Ct).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(700)); // 1.0 s
        next.IsCompleted.Should().BeFalse("the ten pings sent at 0 s still fill the window");
        _time.Advance(TimeSpan.FromMilliseconds(20)); // 1.02 s
        next.IsCompleted.Should().BeTrue("no place is held by the 190 cancelled pings");
        limiter.Release(await next);
    }

    [Fact]
    public async Task Timed_out_waits_give_their_places_back_so_an_overloaded_account_keeps_serving()
    {
        // 20 requests a second offered against 10 a second, each giving up after 2 s (the total timeout).
        var limiter = new AccountRateLimiter(10, Window, _time);
        var granted = new List<TimeSpan>();
        var started = _time.GetUtcNow();
        var timedOut = 0;
        var requests = new List<Task>();
        for (var step = 0; step < 200; step++) // 10 s in steps of 50 ms
        {
            requests.Add(Request());
            _time.Advance(TimeSpan.FromMilliseconds(50));
        }

        _time.Advance(TimeSpan.FromSeconds(3)); // every request is either through or timed out
        await Task.WhenAll(requests);

        var perSecond = granted.GroupBy(t => (int)t.TotalSeconds).ToDictionary(g => g.Key, g => g.Count());
        for (var second = 2; second < 10; second++)
        {
            perSecond.GetValueOrDefault(second).Should().BeGreaterThanOrEqualTo(9, $"second {second} still serves the budget (granted per second: {string.Join(", ", perSecond.OrderBy(p => p.Key))})");
        }

        granted.Count.Should().Be(200 - timedOut);
        granted.Sort();
        for (var i = 10; i < granted.Count; i++)
        {
            (granted[i] - granted[i - 10]).Should().BeGreaterThanOrEqualTo(Window, "never more than 10 starts in any window");
        }

        async Task Request()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2), _time);
            try
            {
                var ticket = await limiter.AcquireAsync(timeout.Token);
                lock (granted)
                {
                    granted.Add(_time.GetUtcNow() - started);
                }

                limiter.Release(ticket);
            }
            catch (OperationCanceledException)
            {
                Interlocked.Increment(ref timedOut);
            }
        }
    }

    [Theory]
    [InlineData("reset a day ahead")]
    [InlineData("reset in 2100")]
    [InlineData("reset in 2100, milliseconds")]
    [InlineData("Retry-After a day")]
    [InlineData("Retry-After date in 2100")]
    public async Task A_429_with_a_reset_beyond_the_bound_waits_one_window(string kind)
    {
        var limiter = new AccountRateLimiter(60, Window, _time);
        var ticket = await limiter.AcquireAsync(Ct);
        limiter.OnResponse(ticket, HttpStatusCode.TooManyRequests, FarAhead(kind));
        limiter.Release(ticket);

        var next = limiter.AcquireAsync(Ct).AsTask();
        next.IsCompleted.Should().BeFalse("a 429 still blocks the account");
        _time.Advance(Window);
        next.IsCompleted.Should().BeFalse("a window and the margin");
        _time.Advance(limiter.Margin);
        next.IsCompleted.Should().BeTrue("a reset that far ahead is garbage: the limiter waits one window instead");
        limiter.Release(await next);
    }

    [Fact]
    public async Task A_200_with_nothing_remaining_and_a_reset_in_2100_waits_at_most_one_window()
    {
        var limiter = new AccountRateLimiter(60, Window, _time);
        var ticket = await limiter.AcquireAsync(Ct);
        limiter.OnResponse(ticket, HttpStatusCode.OK, FarAhead("reset in 2100", remaining: 0));
        limiter.Release(ticket);

        var next = limiter.AcquireAsync(Ct).AsTask();
        _time.Advance(Window + limiter.Margin);
        next.IsCompleted.Should().BeTrue();
        limiter.Release(await next);
        limiter.Release(await limiter.AcquireAsync(Ct)); // and the account keeps working
    }

    [Fact]
    public async Task A_reset_within_the_bound_is_still_honoured()
    {
        var limiter = new AccountRateLimiter(60, Window, _time);
        var ticket = await limiter.AcquireAsync(Ct);
        var reset = _time.GetUtcNow().AddMilliseconds(1_800); // under two windows
        limiter.OnResponse(ticket, HttpStatusCode.TooManyRequests, Reset(reset.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), remaining: 0));
        limiter.Release(ticket);

        var next = limiter.AcquireAsync(Ct).AsTask();
        _time.Advance(TimeSpan.FromMilliseconds(1_800));
        next.IsCompleted.Should().BeFalse("Aircall's reset, within the bound, is waited for");
        _time.Advance(limiter.Margin);
        next.IsCompleted.Should().BeTrue();
        limiter.Release(await next);
    }

    [Fact]
    public async Task A_reset_beyond_the_bound_is_logged_once_per_account_and_the_bound_is_configurable()
    {
        using var logs = new CapturingLoggerProvider();
        using var factory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.AddProvider(logs));
        var limiter = new AccountRateLimiter(60, Window, _time, maxResetWait: TimeSpan.FromSeconds(5), logger: factory.CreateLogger("limiter"));
        for (var i = 0; i < 3; i++)
        {
            var ticket = await limiter.AcquireAsync(Ct);
            limiter.OnResponse(ticket, HttpStatusCode.TooManyRequests, FarAhead("reset a day ahead"));
            limiter.Release(ticket);
            _time.Advance(Window + limiter.Margin);
        }

        logs.Entries.Should().ContainSingle(e => e.Contains("MaxResetWait", StringComparison.Ordinal));

        // Within the configured bound (5 s, more than the default two windows), a reset is honoured.
        var last = await limiter.AcquireAsync(Ct);
        limiter.OnResponse(last, HttpStatusCode.TooManyRequests, Reset(_time.GetUtcNow().AddSeconds(4).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), remaining: 0));
        limiter.Release(last);
        var next = limiter.AcquireAsync(Ct).AsTask();
        _time.Advance(TimeSpan.FromSeconds(3.9));
        next.IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(0.1) + limiter.Margin);
        next.IsCompleted.Should().BeTrue();
        limiter.Release(await next);
    }

    private HttpResponseHeaders FarAhead(string kind, int remaining = 0)
    {
        var year2100 = new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero);
        switch (kind)
        {
            case "reset a day ahead":
                return Reset(_time.GetUtcNow().AddDays(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), remaining);
            case "reset in 2100":
                return Reset(year2100.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), remaining);
            case "reset in 2100, milliseconds":
                return Reset(year2100.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), remaining);
            case "Retry-After a day":
                var headers = new HttpResponseMessage().Headers;
                headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromDays(1));
                return headers;
            default:
                var dated = new HttpResponseMessage().Headers;
                dated.RetryAfter = new RetryConditionHeaderValue(year2100);
                return dated;
        }
    }

    private static HttpResponseHeaders Reset(string reset, int remaining)
    {
        var headers = new HttpResponseMessage().Headers;
        headers.Add("X-AircallApi-Limit", "60");
        headers.Add("X-AircallApi-Remaining", remaining.ToString(CultureInfo.InvariantCulture));
        headers.Add("X-AircallApi-Reset", reset);
        return headers;
    }
}
