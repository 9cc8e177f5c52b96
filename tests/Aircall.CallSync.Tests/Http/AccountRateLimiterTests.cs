using Aircall.CallSync.Http;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.Tests.Http;

/// <summary>The limiter counts a request from when Aircall may have counted it, not only from when it was reserved.</summary>
public sealed class AccountRateLimiterTests
{
    [Fact]
    public async Task A_request_answered_late_holds_the_request_a_limit_later_until_a_window_after_its_answer()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider();
        var limiter = new AccountRateLimiter(2, TimeSpan.FromSeconds(1), clock); // margin: 20 ms
        var first = await limiter.AcquireAsync(ct);
        clock.Advance(TimeSpan.FromMilliseconds(300)); // a cold connection: Aircall may count it only now
        limiter.Release(first);
        limiter.Release(await limiter.AcquireAsync(ct));

        var third = limiter.AcquireAsync(ct).AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(800)); // at 1.1 s: past a window after the reservation, not after the answer
        third.IsCompleted.Should().BeFalse("Aircall may have counted the first request at 0.3 s, so its window runs to 1.3 s");

        clock.Advance(TimeSpan.FromMilliseconds(220)); // at 1.32 s: 0.3 s + 1 s + the 20 ms margin
        third.IsCompleted.Should().BeTrue();
        limiter.Release(await third);
    }

    [Fact]
    public async Task A_request_answered_at_once_keeps_its_reserved_start()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider();
        var limiter = new AccountRateLimiter(2, TimeSpan.FromSeconds(1), clock);
        limiter.Release(await limiter.AcquireAsync(ct));
        limiter.Release(await limiter.AcquireAsync(ct));

        var third = limiter.AcquireAsync(ct).AsTask();
        clock.Advance(TimeSpan.FromMilliseconds(1_020));
        third.IsCompleted.Should().BeTrue("a window and the margin after the first request");
        limiter.Release(await third);
    }
}
