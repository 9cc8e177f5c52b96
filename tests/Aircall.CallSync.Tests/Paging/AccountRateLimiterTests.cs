using System.Net;
using System.Net.Http.Headers;
using Aircall.CallSync.Http;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.Tests.Paging;

/// <summary>The per-account limiter on a fake clock.</summary>
public sealed class AccountRateLimiterTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_hundred_concurrent_requests_never_start_more_than_the_limit_in_any_window()
    {
        var limiter = new AccountRateLimiter(10, Window, _time);
        var starts = new List<TimeSpan>();
        var tasks = Enumerable.Range(0, 200).Select(async _ =>
        {
            var ticket = await limiter.AcquireAsync(Ct);
            lock (starts)
            {
                starts.Add(limiter.ReservedStart(ticket)!.Value); // when it was let through, however late this line runs
            }

            limiter.Release(ticket);
        }).ToList();

        while (tasks.Any(t => !t.IsCompleted))
        {
            _time.Advance(TimeSpan.FromMilliseconds(50));
            await Task.Yield();
        }

        await Task.WhenAll(tasks);
        starts.Sort();
        for (var i = 10; i < starts.Count; i++)
        {
            (starts[i] - starts[i - 10]).Should().BeGreaterThanOrEqualTo(Window, $"start {i} and the 10th before it");
        }

        // It waits rather than fails, and wastes little: 200 requests at 10 per window take about 19 windows.
        (starts[^1] - starts[0]).Should().BeLessThan(Window * 20);
        limiter.Statistics.Requests.Should().Be(200);
        limiter.Statistics.Waits.Should().Be(190);
    }

    [Fact]
    public async Task Aircalls_remaining_budget_is_not_overspent_before_its_reset()
    {
        var limiter = new AccountRateLimiter(60, TimeSpan.FromMinutes(1), _time);
        var ticket = await limiter.AcquireAsync(Ct);
        var reset = _time.GetUtcNow().AddSeconds(30);
        limiter.OnResponse(ticket, HttpStatusCode.OK, Headers(limit: 60, remaining: 2, reset: reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));

        await limiter.AcquireAsync(Ct);
        await limiter.AcquireAsync(Ct);
        var third = limiter.AcquireAsync(Ct).AsTask();

        third.IsCompleted.Should().BeFalse("Aircall said two requests were left");
        _time.Advance(TimeSpan.FromSeconds(30));
        third.IsCompleted.Should().BeFalse("a margin is added to the reset");
        _time.Advance(TimeSpan.FromSeconds(1));
        third.IsCompleted.Should().BeFalse("a reset in whole seconds may have been truncated by up to a second");
        _time.Advance(limiter.Margin);
        await third;
    }

    [Theory]
    [InlineData("seconds")]
    [InlineData("milliseconds")]
    [InlineData("retry-after")]
    [InlineData("none")]
    public async Task After_a_429_every_request_of_the_account_waits_for_the_reset(string kind)
    {
        var limiter = new AccountRateLimiter(60, TimeSpan.FromMinutes(1), _time);
        var ticket = await limiter.AcquireAsync(Ct);
        var reset = _time.GetUtcNow().AddSeconds(20);
        var headers = kind switch
        {
            "seconds" => Headers(limit: 60, remaining: 0, reset: reset.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "milliseconds" => Headers(limit: 60, remaining: 0, reset: reset.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "retry-after" => RetryAfter(TimeSpan.FromSeconds(20)),
            _ => new HttpResponseMessage().Headers,
        };
        limiter.OnResponse(ticket, HttpStatusCode.TooManyRequests, headers);
        // A reset on a whole second (as these are) may have been truncated: a second more is waited.
        var expectedWait = kind == "none" ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(21);

        var next = limiter.AcquireAsync(Ct).AsTask();
        _time.Advance(expectedWait);
        next.IsCompleted.Should().BeFalse();
        _time.Advance(limiter.Margin);
        await next;
        limiter.Statistics.RateLimitedResponses.Should().Be(1);
    }

    [Fact]
    public async Task A_lower_limit_announced_by_Aircall_replaces_the_configured_one()
    {
        var limiter = new AccountRateLimiter(120, TimeSpan.FromMinutes(1), _time);
        var ticket = await limiter.AcquireAsync(Ct);
        limiter.OnResponse(ticket, HttpStatusCode.OK, Headers(limit: 60, remaining: 59, reset: _time.GetUtcNow().AddMinutes(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)));

        limiter.PermitLimit.Should().Be(60);
        for (var i = 0; i < 59; i++)
        {
            await limiter.AcquireAsync(Ct);
        }

        limiter.AcquireAsync(Ct).AsTask().IsCompleted.Should().BeFalse("60 requests started within the window");
    }

    [Fact]
    public async Task A_cancelled_wait_throws_and_releases_the_request()
    {
        var limiter = new AccountRateLimiter(1, Window, _time);
        await limiter.AcquireAsync(Ct);
        using var cancel = new CancellationTokenSource();
        var waiting = limiter.AcquireAsync(cancel.Token).AsTask();
        limiter.Waiting().Count.Should().Be(1);

        await cancel.CancelAsync();

        await waiting.Invoking(t => t).Should().ThrowAsync<OperationCanceledException>();
        limiter.Waiting().Count.Should().Be(0);
    }

    private static HttpResponseHeaders Headers(int limit, int remaining, string reset)
    {
        var headers = new HttpResponseMessage().Headers;
        headers.Add("X-AircallApi-Limit", limit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.Add("x-aircallapi-remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.Add("X-AIRCALLAPI-RESET", reset);
        return headers;
    }

    private static HttpResponseHeaders RetryAfter(TimeSpan delay)
    {
        var headers = new HttpResponseMessage().Headers;
        headers.RetryAfter = new RetryConditionHeaderValue(delay);
        return headers;
    }
}
