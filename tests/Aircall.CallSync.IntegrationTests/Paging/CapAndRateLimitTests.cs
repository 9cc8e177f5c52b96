using Aircall.CallSync.IntegrationTests.Infrastructure;

namespace Aircall.CallSync.IntegrationTests.Paging;

/// <summary>The enumeration against the simulator's cap and rate limit, in virtual time.</summary>
public sealed class CapAndRateLimitTests
{
    [Fact]
    public async Task Every_call_past_the_cap_comes_out_once_with_no_429_and_near_ideal_requests()
    {
        const int n = 12_345;
        await using var harness = SyncHarness.Create(sim => sim.CallCount = n);

        var ids = await harness.RunAsync(async () =>
        {
            var seen = new List<long>(n);
            await foreach (var call in harness.Client.GetCallsAsync().WithCancellation(TestContext.Current.CancellationToken))
            {
                seen.Add(call.Id);
            }

            return seen;
        });

        var requests = harness.Simulator.Requests.Count;
        var elapsed = harness.Clock.GetUtcNow() - SyncHarness.Start;
        var floor = TimeSpan.FromSeconds(requests * 60.0 / 60);
        TestContext.Current.TestOutputHelper?.WriteLine($"{n} calls: {requests} requests (ideal {(n + 49) / 50}), {elapsed.TotalSeconds:F1} s simulated against a floor of {floor.TotalSeconds:F0} s");
        ids.Should().HaveCount(n).And.OnlyHaveUniqueItems();
        ids.Should().Equal(harness.AllIds(), "calls come oldest first, each once");
        var ideal = (n + 49) / 50;
        harness.Simulator.Requests.Count.Should().BeLessThanOrEqualTo((int)Math.Floor(ideal * 1.01));
        harness.Simulator.RateLimitedCount.Should().Be(0);
        harness.Simulator.MaxRequestsInWindow().Should().BeLessThanOrEqualTo(60);
        elapsed.Should().BeLessThanOrEqualTo(floor * 1.05, "virtual time is deterministic: the limiter wastes no budget");
        harness.Simulator.Requests.Should().Contain(r => r.Query.Contains("from=", StringComparison.Ordinal), "the window was re-anchored past the cap");
    }
}
