using Aircall.CallSync.IntegrationTests.Infrastructure;
using Polly.Timeout;

namespace Aircall.CallSync.IntegrationTests.Paging;

/// <summary>
/// Waits the wire cannot stretch, through the real pipeline against the simulator, in virtual time: a reset far ahead
/// costs a window, not a day or an exception (issue 11, item 8), and requests that time out in the limiter's queue give
/// their places back, so an overloaded account keeps serving its budget (item 7).
/// </summary>
public sealed class UntrustedWaitTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(true, 1)]
    [InlineData(true, 27_000)]
    [InlineData(false, 27_000)]
    public async Task A_reset_days_or_decades_ahead_costs_one_window_and_the_enumeration_completes(bool tooManyRequests, int daysAhead)
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 500);
        harness.Simulator.Faults.ResetFarAheadNext(1, TimeSpan.FromDays(daysAhead), tooManyRequests, "/v1/calls");

        var ids = await harness.RunAsync(() => SyncHarness.CollectIdsAsync(harness.Client.GetCallsAsync()), limit: TimeSpan.FromHours(1));

        ids.Should().Equal(harness.AllIds());
        harness.Simulator.Requests.Should().Contain(r => r.Fault == "reset-far-ahead");
        harness.Simulator.RateLimitedCount.Should().Be(tooManyRequests ? 1 : 0);
        (harness.Clock.GetUtcNow() - SyncHarness.Start).Should().BeLessThan(TimeSpan.FromMinutes(3), "the garbage reset was replaced by one window (simulated time)");
    }

    [Fact]
    public async Task Offered_twice_its_budget_with_a_2_s_total_timeout_an_account_keeps_serving_every_second()
    {
        // 20 pings a second against 10 a second; each gives up after 2 s in all.
        await using var harness = SyncHarness.Create(
            sim =>
            {
                sim.RateLimit = 10;
                sim.RateLimitWindow = TimeSpan.FromSeconds(1);
            },
            sdk =>
            {
                sdk.Resilience.TotalTimeout = TimeSpan.FromSeconds(2);
                sdk.Resilience.AttemptTimeout = TimeSpan.FromMilliseconds(500);
            });
        var served = new List<TimeSpan>();
        var timedOut = 0;

        await harness.RunAsync(async () =>
        {
            var pings = new List<Task>();
            for (var i = 0; i < 200; i++)
            {
                pings.Add(PingAsync());
                await Task.Delay(TimeSpan.FromMilliseconds(50), harness.Clock, Ct);
            }

            await Task.WhenAll(pings);
        }, limit: TimeSpan.FromMinutes(1));

        var perSecond = served.GroupBy(t => (int)t.TotalSeconds).ToDictionary(g => g.Key, g => g.Count());
        for (var second = 2; second < 10; second++)
        {
            perSecond.GetValueOrDefault(second).Should().BeGreaterThanOrEqualTo(8, $"second {second} still serves the budget (served per second: {string.Join(", ", perSecond.OrderBy(p => p.Key))})");
        }

        (served.Count + timedOut).Should().Be(200);
        harness.Simulator.RateLimitedCount.Should().Be(0);
        harness.Simulator.MaxRequestsInWindow().Should().BeLessThanOrEqualTo(10);

        async Task PingAsync()
        {
            try
            {
                await harness.Client.Ping.PingAsync(Ct);
                lock (served)
                {
                    served.Add(harness.Clock.GetUtcNow() - SyncHarness.Start);
                }
            }
            catch (TimeoutRejectedException)
            {
                Interlocked.Increment(ref timedOut);
            }
        }
    }
}
