using Aircall.CallSync.Http;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.Tests.Http;

/// <summary>
/// The limiter says how long a request asked for now would wait (fleet sync ends a slice instead of waiting long), and
/// the estimate matches when the limiter actually lets that request go.
/// </summary>
public sealed class RateLimitWaitEstimateTests
{
    [Fact]
    public async Task The_estimate_is_zero_while_the_budget_lasts_and_then_the_time_until_the_window_frees_a_request()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider();
        using var limiter = new AccountRateLimiter(3, TimeSpan.FromSeconds(10), clock);

        limiter.WaitEstimate().Should().Be(TimeSpan.Zero);
        limiter.Release(await limiter.AcquireAsync(ct));
        clock.Advance(TimeSpan.FromSeconds(1));
        limiter.Release(await limiter.AcquireAsync(ct));
        limiter.WaitEstimate().Should().Be(TimeSpan.Zero, "one request of the window's three is left");
        limiter.Release(await limiter.AcquireAsync(ct));

        // Three requests at 0, 1 and 1 s: the fourth may start a window (plus the margin) after the first.
        var estimate = limiter.WaitEstimate();
        estimate.Should().BeGreaterThan(TimeSpan.FromSeconds(8)).And.BeLessThan(TimeSpan.FromSeconds(10));
        var fourth = limiter.AcquireAsync(ct).AsTask();
        clock.Advance(estimate - TimeSpan.FromMilliseconds(1));
        fourth.IsCompleted.Should().BeFalse("the estimate is not early");
        clock.Advance(TimeSpan.FromMilliseconds(1));
        fourth.IsCompleted.Should().BeTrue("the estimate is when the request goes");
        limiter.Release(await fourth);
    }

    [Fact]
    public async Task Requests_already_waiting_push_the_estimate_back_by_a_window_per_limit()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider();
        using var limiter = new AccountRateLimiter(2, TimeSpan.FromSeconds(10), clock);
        limiter.Release(await limiter.AcquireAsync(ct));
        limiter.Release(await limiter.AcquireAsync(ct));
        var alone = limiter.WaitEstimate();

        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var waiting = new[] { limiter.AcquireAsync(cancel.Token).AsTask(), limiter.AcquireAsync(cancel.Token).AsTask() };
        limiter.WaitEstimate().Should().Be(alone + TimeSpan.FromSeconds(10), "two requests wait ahead: they take the next window");

        await cancel.CancelAsync();
        foreach (var task in waiting)
        {
            await FluentActions.Awaiting(() => task).Should().ThrowAsync<OperationCanceledException>();
        }
    }
}
