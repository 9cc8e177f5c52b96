using System.Globalization;
using System.Net;
using System.Text;
using Aircall.CallSync.Http;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.Tests.Http;

/// <summary>
/// The limiter's recent log handed over to another process (export, wire, restore, merge, bounds) and the margin sized
/// from measured latency, on a fake clock. A second limiter created later on the same clock is "the other process": its
/// monotonic origin differs, its wall clock agrees.
/// </summary>
public sealed class RateLimitHandOverTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 5, 1, 8, 0, 0, TimeSpan.Zero));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_restored_log_makes_the_next_process_wait_for_the_requests_the_last_one_sent()
    {
        using var first = new AccountRateLimiter(5, Window, _time);
        for (var i = 0; i < 5; i++)
        {
            first.Release(await first.AcquireAsync(Ct));
            _time.Advance(TimeSpan.FromSeconds(1)); // requests at 0, 1, 2, 3 and 4 s
        }

        var wire = new RateLimitState(first.Export(closed: true)).Encode();
        _time.Advance(TimeSpan.FromSeconds(2)); // the new process starts at 7 s

        using var next = new AccountRateLimiter(5, Window, _time);
        next.Restore(RateLimitState.Parse(wire).Data);
        var request = next.AcquireAsync(Ct).AsTask();

        request.IsCompleted.Should().BeFalse("five requests were sent within the last window, by the other process");
        _time.Advance(TimeSpan.FromSeconds(3)); // 10 s: one window after the first request, the margin not yet passed
        request.IsCompleted.Should().BeFalse();
        _time.Advance(next.Margin);
        await request;
        next.AcquireAsync(Ct).AsTask().IsCompleted.Should().BeFalse("the request sent at 1 s still counts until 11 s");
    }

    [Fact]
    public async Task An_open_state_counts_one_more_request_at_the_moment_of_restoring()
    {
        using var first = new AccountRateLimiter(5, Window, _time);
        for (var i = 0; i < 4; i++)
        {
            first.Release(await first.AcquireAsync(Ct));
        }

        var open = first.Export(); // the writer may send another request and die before saving again
        var closed = first.Export(closed: true);

        using var afterKill = new AccountRateLimiter(5, Window, _time);
        afterKill.Restore(open);
        afterKill.AcquireAsync(Ct).AsTask().IsCompleted.Should().BeFalse("4 saved requests and the one that may have gone unsaved");

        using var afterStop = new AccountRateLimiter(5, Window, _time);
        afterStop.Restore(closed);
        (await afterStop.AcquireAsync(Ct)).Should().BePositive("a closed state has no request after it: the fifth place is free");
        afterStop.AcquireAsync(Ct).AsTask().IsCompleted.Should().BeFalse();
    }

    [Fact]
    public async Task Restoring_keeps_what_this_process_already_spent()
    {
        using var other = new AccountRateLimiter(3, Window, _time);
        other.Release(await other.AcquireAsync(Ct)); // one request at 0 s
        var old = other.Export(closed: true);

        using var limiter = new AccountRateLimiter(3, Window, _time);
        _time.Advance(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 3; i++)
        {
            limiter.Release(await limiter.AcquireAsync(Ct)); // three at 5 s
        }

        limiter.Restore(old);
        var request = limiter.AcquireAsync(Ct).AsTask();
        _time.Advance(TimeSpan.FromSeconds(5) + limiter.Margin); // 10 s: the restored request's window is over
        request.IsCompleted.Should().BeFalse("the three requests of this process, at 5 s, still fill the window: a restore never replaces them");
        _time.Advance(TimeSpan.FromSeconds(5));
        await request;
    }

    [Fact]
    public async Task Restoring_the_same_state_twice_or_a_state_of_its_own_counts_nothing_twice()
    {
        using var limiter = new AccountRateLimiter(3, Window, _time);
        for (var i = 0; i < 3; i++)
        {
            limiter.Release(await limiter.AcquireAsync(Ct));
            _time.Advance(TimeSpan.FromSeconds(1)); // at 0, 1 and 2 s
        }

        var own = limiter.Export(closed: true);
        limiter.Restore(own);
        limiter.Restore(own);
        using var other = new AccountRateLimiter(3, Window, _time);
        other.Restore(own);
        other.Restore(own);

        var mine = limiter.AcquireAsync(Ct).AsTask();
        var theirs = other.AcquireAsync(Ct).AsTask();
        mine.IsCompleted.Should().BeFalse();
        theirs.IsCompleted.Should().BeFalse();
        _time.Advance(TimeSpan.FromSeconds(7) + limiter.Margin); // 10 s + margin: the request at 0 s has left the window
        await mine;
        await theirs;
        limiter.AcquireAsync(Ct).AsTask().IsCompleted.Should().BeFalse("the requests at 1 and 2 s, and the one just let through, fill it again");
    }

    [Fact]
    public void A_state_from_the_future_is_taken_as_captured_now()
    {
        var now = _time.GetUtcNow();
        var future = new RateLimitStateData { CapturedAt = now.AddHours(3).ToUnixTimeMilliseconds(), Ages = [0, 0, 0], Closed = true };

        using var limiter = new AccountRateLimiter(3, Window, _time);
        limiter.Restore(future);
        var request = limiter.AcquireAsync(Ct).AsTask();

        request.IsCompleted.Should().BeFalse();
        _time.Advance(Window + limiter.Margin);
        request.IsCompleted.Should().BeTrue("requests stamped three hours ahead count as sent now, not as sent in three hours");
    }

    [Fact]
    public void A_block_or_reset_hours_away_is_cut_to_the_longest_wait_allowed()
    {
        var now = _time.GetUtcNow();
        var hours = (long)TimeSpan.FromHours(5).TotalMilliseconds;
        using var blocked = new AccountRateLimiter(60, Window, _time);
        blocked.Restore(new RateLimitStateData { CapturedAt = now.ToUnixTimeMilliseconds(), BlockedFor = hours, Closed = true });
        using var spent = new AccountRateLimiter(60, Window, _time);
        spent.Restore(new RateLimitStateData { CapturedAt = now.ToUnixTimeMilliseconds(), Remaining = 0, ResetIn = hours, Closed = true });

        var afterBlock = blocked.AcquireAsync(Ct).AsTask();
        var afterReset = spent.AcquireAsync(Ct).AsTask();
        _time.Advance(blocked.MaxResetWait - TimeSpan.FromSeconds(1));
        afterBlock.IsCompleted.Should().BeFalse("the block is kept, up to the bound");
        afterReset.IsCompleted.Should().BeFalse("no budget left until the reset, up to the bound");
        _time.Advance(TimeSpan.FromSeconds(1) + blocked.Margin + spent.Margin);
        afterBlock.IsCompleted.Should().BeTrue("a block five hours away is cut to MaxResetWait (two windows)");
        afterReset.IsCompleted.Should().BeTrue("a reset five hours away is cut to MaxResetWait (two windows)");
    }

    [Fact]
    public void Only_the_last_window_and_at_most_the_limit_of_requests_are_restored()
    {
        var now = _time.GetUtcNow();
        var ages = Enumerable.Range(0, 10_000).Select(i => (long)i).ToList(); // 10,000 requests within 10 s
        ages.Add(-5_000); // a request "5 s in the future"
        ages.Add((long)TimeSpan.FromDays(400).TotalMilliseconds); // and one from last year
        using var limiter = new AccountRateLimiter(5, Window, _time);

        limiter.Restore(new RateLimitStateData { CapturedAt = now.ToUnixTimeMilliseconds(), Ages = ages, Closed = true });

        var state = new RateLimitState(limiter.Export(closed: true));
        state.RecentRequests.Should().HaveCount(5, "only the limit of them can ever hold a request back");
        state.RecentRequests.Should().OnlyContain(t => t <= now && t > now - Window, "none in the future, none older than the window");
    }

    [Fact]
    public async Task What_Aircall_said_is_handed_over_too()
    {
        using var first = new AccountRateLimiter(120, TimeSpan.FromMinutes(1), _time);
        var ticket = await first.AcquireAsync(Ct);
        var reset = _time.GetUtcNow().AddSeconds(30).AddMilliseconds(500);
        first.OnResponse(ticket, HttpStatusCode.OK, Headers(limit: 60, remaining: 0, reset: reset.ToUnixTimeMilliseconds()));
        first.Release(ticket);

        using var next = new AccountRateLimiter(120, TimeSpan.FromMinutes(1), _time);
        next.Restore(RateLimitState.Parse(new RateLimitState(first.Export(closed: true)).Encode()).Data);

        next.PermitLimit.Should().Be(60, "Aircall's lower limit was learnt by the other process");
        var request = next.AcquireAsync(Ct).AsTask();
        _time.Advance(TimeSpan.FromSeconds(30));
        request.IsCompleted.Should().BeFalse("Aircall said no budget was left before its reset");
        _time.Advance(TimeSpan.FromMilliseconds(500) + next.Margin + TimeSpan.FromMilliseconds(1));
        await request;
    }

    [Fact]
    public async Task A_429_block_is_handed_over()
    {
        using var first = new AccountRateLimiter(60, TimeSpan.FromMinutes(1), _time);
        var ticket = await first.AcquireAsync(Ct);
        first.OnResponse(ticket, HttpStatusCode.TooManyRequests, new HttpResponseMessage().Headers); // no reset: one window
        first.Release(ticket);
        var state = new RateLimitState(first.Export(closed: true));
        state.BlockedUntil.Should().BeCloseTo(_time.GetUtcNow() + TimeSpan.FromMinutes(1) + first.Margin, TimeSpan.FromMilliseconds(1));

        using var next = new AccountRateLimiter(60, TimeSpan.FromMinutes(1), _time);
        next.Restore(state.Data);
        var request = next.AcquireAsync(Ct).AsTask();
        _time.Advance(TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(1));
        request.IsCompleted.Should().BeFalse("the account is blocked for a window after the 429, in every process");
        _time.Advance(TimeSpan.FromMilliseconds(1) + next.Margin + first.Margin);
        await request;
    }

    [Fact]
    public void The_wire_form_is_compact_opaque_and_checked()
    {
        var now = _time.GetUtcNow();
        var data = new RateLimitStateData { CapturedAt = now.ToUnixTimeMilliseconds(), Ages = [.. Enumerable.Range(0, 60).Select(i => i * 1_000L)], Latency = 180_000, LatencyDeviation = 20_000 };
        var text = new RateLimitState(data).Encode();

        text.Should().StartWith("rl1.").And.NotContainAny("=", "+", "/");
        text.Length.Should().BeLessThan(800, "sixty requests of a minute fit in well under a kilobyte");
        var parsed = RateLimitState.Parse(text);
        parsed.CapturedAt.Should().Be(now);
        parsed.RecentRequests.Should().HaveCount(60).And.BeInAscendingOrder();
        parsed.RecentRequests[0].Should().Be(now - TimeSpan.FromSeconds(59));
        parsed.BlockedUntil.Should().BeNull();
        parsed.ToString().Should().Contain("60 recent requests");

        RateLimitState.TryParse(text[..^3], out _).Should().BeFalse("a truncated state is not one the SDK wrote");
        RateLimitState.TryParse("cs2." + text[4..], out _).Should().BeFalse();
        RateLimitState.TryParse(null, out _).Should().BeFalse();
        FluentActions.Invoking(() => RateLimitState.Parse("rl1.!!")).Should().Throw<FormatException>().WithMessage("*start without one*");
    }

    [Fact]
    public void A_checkpoint_carries_the_state_and_one_written_before_it_still_reads()
    {
        var checkpoint = new Aircall.CallSync.Sync.SyncCheckpoint
        {
            RunFrom = 1_690_000_000,
            RateLimit = new RateLimitStateData { CapturedAt = 1_777_000_000_000, Ages = [10, 20], Closed = true },
        };

        var decoded = Aircall.CallSync.Sync.SyncCheckpoint.Decode(checkpoint.Encode())!;

        decoded.RateLimit!.Ages.Should().Equal(10, 20);
        decoded.RateLimit.Closed.Should().BeTrue();
        var older = "cs2." + System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes("""{"from":1690000000,"done_to":1680000000}"""));
        var before = Aircall.CallSync.Sync.SyncCheckpoint.Decode(older)!;
        before.RateLimit.Should().BeNull();
        before.CompletedTo.Should().Be(1_680_000_000);
    }

    [Fact]
    public void The_margin_follows_the_measured_latency_between_its_floor_and_its_cap()
    {
        using var limiter = new AccountRateLimiter(60, TimeSpan.FromMinutes(1), _time);
        limiter.Margin.Should().Be(AircallRateLimitOptions.DefaultMinMargin, "nothing measured yet");

        for (var i = 0; i < 100; i++)
        {
            limiter.RecordLatency(TimeSpan.FromMilliseconds(i % 2 == 0 ? 150 : 250));
        }

        limiter.Margin.Should().BeGreaterThan(TimeSpan.FromMilliseconds(250), "a high estimate: above the slowest of the usual requests")
            .And.BeLessThan(TimeSpan.FromMilliseconds(600), "and far below the fixed 1.2 s of 2% of a minute");

        for (var i = 0; i < 100; i++)
        {
            limiter.RecordLatency(TimeSpan.FromSeconds(20));
        }

        limiter.Margin.Should().Be(TimeSpan.FromSeconds(1), "capped by MaxMargin");

        for (var i = 0; i < 200; i++)
        {
            limiter.RecordLatency(TimeSpan.Zero);
        }

        limiter.Margin.Should().Be(TimeSpan.FromMilliseconds(10), "never below MinMargin");

        using var shortWindow = new AccountRateLimiter(60, TimeSpan.FromMilliseconds(500), _time, maxMargin: TimeSpan.FromSeconds(5));
        shortWindow.RecordLatency(TimeSpan.FromSeconds(5));
        shortWindow.Margin.Should().Be(TimeSpan.FromMilliseconds(250), "never more than half the window");
    }

    [Fact]
    public async Task Waits_use_the_measured_margin_and_a_restored_limiter_starts_from_the_measured_latency()
    {
        using var limiter = new AccountRateLimiter(2, Window, _time, minMargin: TimeSpan.Zero, maxMargin: TimeSpan.FromSeconds(2));
        for (var i = 0; i < 50; i++)
        {
            limiter.RecordLatency(TimeSpan.FromMilliseconds(400));
        }

        limiter.Margin.Should().BeCloseTo(TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(5));
        limiter.Release(await limiter.AcquireAsync(Ct));
        limiter.Release(await limiter.AcquireAsync(Ct));
        var third = limiter.AcquireAsync(Ct).AsTask();
        _time.Advance(Window + TimeSpan.FromMilliseconds(390));
        third.IsCompleted.Should().BeFalse("the margin is the measured latency");
        _time.Advance(TimeSpan.FromMilliseconds(20));
        await third;

        using var next = new AccountRateLimiter(2, Window, _time, minMargin: TimeSpan.Zero, maxMargin: TimeSpan.FromSeconds(2));
        next.Restore(limiter.Export(closed: true));
        next.Margin.Should().BeCloseTo(limiter.Margin, TimeSpan.FromMilliseconds(1), "what the other process measured is the best estimate until this one measures");
    }

    private static System.Net.Http.Headers.HttpResponseHeaders Headers(int limit, int remaining, long reset)
    {
        var headers = new HttpResponseMessage().Headers;
        headers.Add("X-AircallApi-Limit", limit.ToString(CultureInfo.InvariantCulture));
        headers.Add("X-AircallApi-Remaining", remaining.ToString(CultureInfo.InvariantCulture));
        headers.Add("X-AircallApi-Reset", reset.ToString(CultureInfo.InvariantCulture));
        return headers;
    }
}
