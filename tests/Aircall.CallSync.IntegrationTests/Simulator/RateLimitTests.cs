using Aircall.CallSync.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.IntegrationTests.Simulator;

public sealed class RateLimitTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Request_over_the_limit_gets_429_with_headers_and_the_account_stays_blocked_until_the_window_after_the_limit_th_request(bool milliseconds)
    {
        var clock = new FakeTimeProvider(SimulatorHttp.Start);
        await using var sim = new AircallSimulator(new AircallSimulatorOptions
        {
            CallCount = 5, RateLimit = 60, TimeProvider = clock, RateLimitResetInMilliseconds = milliseconds,
        });
        using var http = SimulatorHttp.Client(sim);
        var ct = TestContext.Current.CancellationToken;

        for (var i = 0; i < 60; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(500)); // the 60th request is at +30 s
            (await http.SendAsync(HttpMethod.Get, "/v1/ping")).Status.Should().Be(200);
        }

        var limitReachedAt = clock.GetUtcNow();
        using (var limited = await http.GetAsync("/v1/calls", ct))
        {
            ((int)limited.StatusCode).Should().Be(429);
            limited.Headers.GetValues("X-AircallApi-Limit").Should().Equal("60");
            limited.Headers.GetValues("X-AircallApi-Remaining").Should().Equal("0");
            var reset = long.Parse(limited.Headers.GetValues("X-AircallApi-Reset").Single(), System.Globalization.CultureInfo.InvariantCulture);
            var expected = limitReachedAt.AddSeconds(60);
            (milliseconds ? reset : reset * 1000).Should().Be(expected.ToUnixTimeMilliseconds());
        }

        // The first requests left the sliding window, but the account stays blocked for a whole window.
        clock.Advance(TimeSpan.FromSeconds(59));
        (await http.SendAsync(HttpMethod.Get, "/v1/ping")).Status.Should().Be(429);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await http.SendAsync(HttpMethod.Get, "/v1/ping")).Status.Should().Be(200);

        sim.RateLimitedCount.Should().Be(2);
        sim.MaxRequestsInWindow().Should().Be(61, "429s count as requests seen, 60 accepted plus one rejected within a minute");
    }

    [Fact]
    public async Task Headers_can_be_sent_on_every_response_and_limits_are_per_account()
    {
        var clock = new FakeTimeProvider(SimulatorHttp.Start);
        await using var sim = new AircallSimulator(new AircallSimulatorOptions
        {
            CallCount = 5, RateLimit = 3, TimeProvider = clock, RateLimitHeadersOnEveryResponse = true,
        });
        sim.AddAccount("b-id", "b-token");
        using var a = SimulatorHttp.Client(sim);
        using var b = SimulatorHttp.Client(sim, "b-id", "b-token");
        var ct = TestContext.Current.CancellationToken;

        using (var first = await a.GetAsync("/v1/ping", ct))
        {
            first.Headers.GetValues("X-AircallApi-Remaining").Should().Equal("2");
        }

        (await a.SendAsync(HttpMethod.Get, "/v1/ping")).Status.Should().Be(200);
        (await a.SendAsync(HttpMethod.Get, "/v1/ping")).Status.Should().Be(200);
        (await a.SendAsync(HttpMethod.Get, "/v1/ping")).Status.Should().Be(429);
        (await b.SendAsync(HttpMethod.Get, "/v1/ping")).Status.Should().Be(200);

        sim.MaxRequestsInWindow("b-id").Should().Be(1);
        sim.MaxRequestsInWindow(sim.DefaultAccount.ApiId).Should().Be(4);
        sim.Requests.Should().HaveCount(5).And.Contain(r => r.StatusCode == 429 && r.Path == "/v1/ping");
    }

    [Fact]
    public async Task Max_requests_in_window_slides_over_request_start_times()
    {
        var clock = new FakeTimeProvider(SimulatorHttp.Start);
        await using var sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 1, RateLimit = 0, TimeProvider = clock });
        using var http = SimulatorHttp.Client(sim);

        foreach (var gap in new[] { 0, 10, 10, 50, 1, 1 })
        {
            clock.Advance(TimeSpan.FromSeconds(gap));
            (await http.SendAsync(HttpMethod.Get, "/v1/ping")).Status.Should().Be(200);
        }

        // Times 0, 10, 20, 70, 71, 72: the busiest 60-second window holds 20, 70, 71, 72.
        sim.MaxRequestsInWindow().Should().Be(4);
        sim.MaxRequestsInWindow(window: TimeSpan.FromSeconds(5)).Should().Be(3);
    }
}
