using Aircall.CallSync.IntegrationTests.Infrastructure;
using Aircall.CallSync.Testing;

namespace Aircall.CallSync.IntegrationTests.Paging;

/// <summary>
/// Pages that contradict what the API said before, unexpected 200 bodies and started_at values that are not the
/// creation time, against the simulator's faults.
/// </summary>
public sealed class PageFaultTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Empty_and_short_pages_mid_enumeration_are_asked_again_and_every_call_comes_out_once()
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 1_000);
        var all = harness.AllIds();
        var pageable = harness.Client.GetCallsAsync();

        var ids = await harness.RunAsync(async () =>
        {
            var seen = new List<long>();
            await foreach (var call in pageable.WithCancellation(Ct))
            {
                seen.Add(call.Id);
                if (seen.Count == 100)
                {
                    harness.Simulator.Faults.EmptyPageNext(1);
                }
                else if (seen.Count == 228)
                {
                    harness.Simulator.Faults.ShortPageNext(1, callsKept: 3);
                }
            }

            return seen;
        });

        ids.Should().Equal(all);
        harness.Simulator.Requests.Select(r => r.Fault).Should().Contain("empty-page").And.Contain("short-page");
    }

    [Theory]
    [InlineData(SimulatorPageBody.EmptyObject)]
    [InlineData(SimulatorPageBody.NullCalls)]
    [InlineData(SimulatorPageBody.NullEntry)]
    public async Task An_unexpected_200_body_is_asked_again_and_costs_no_call(SimulatorPageBody body)
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 180);
        harness.Simulator.Faults.UnexpectedBodyNext(2, body);

        var ids = await harness.RunAsync(() => SyncHarness.CollectIdsAsync(harness.Client.GetCallsAsync()));

        ids.Should().Equal(harness.AllIds());
        harness.Simulator.Requests.Count(r => r.Fault is not null).Should().Be(2);
    }

    [Fact]
    public async Task Late_started_at_over_more_than_10000_calls_skips_no_call_and_repeats_none()
    {
        const int n = 12_345;
        await using var harness = SyncHarness.Create(sim => sim.CallCount = n);
        harness.Simulator.Faults.LateStartedAt(share: 1, maxDelay: TimeSpan.FromHours(3));
        var all = harness.AllIds();

        var calls = await harness.RunAsync(async () =>
        {
            var seen = new List<Models.Call>(n);
            await foreach (var call in harness.Client.GetCallsAsync().WithCancellation(Ct))
            {
                seen.Add(call);
            }

            return seen;
        }, limit: TimeSpan.FromHours(2));

        calls.Select(c => c.StartedAt).Should().NotBeInAscendingOrder("the fault makes started_at differ from the creation order");
        calls.Select(c => c.Id).Should().OnlyHaveUniqueItems().And.Equal(all, "calls come in creation order, each once");
        harness.Simulator.Requests.Should().Contain(r => r.Query.Contains("from=", StringComparison.Ordinal), "the window was re-anchored past the cap");
    }

    [Fact]
    public async Task Started_at_days_after_creation_still_skips_no_call()
    {
        const int n = 12_345;
        await using var harness = SyncHarness.Create(sim => sim.CallCount = n);
        harness.Simulator.Faults.LateStartedAt(share: 1, maxDelay: TimeSpan.FromDays(20));
        var all = harness.AllIds();

        var ids = await harness.RunAsync(() => SyncHarness.CollectIdsAsync(harness.Client.GetCallsAsync()), limit: TimeSpan.FromHours(2));

        TestContext.Current.TestOutputHelper?.WriteLine($"{ids.Count} ids, {ids.Distinct().Count()} distinct, {harness.Simulator.Requests.Count} requests");
        ids.Distinct().Should().Equal(all, "no call is skipped, whatever started_at says");
        ids.Should().OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Late_started_at_on_a_few_calls_costs_no_extra_request()
    {
        const int n = 12_345;
        await using var harness = SyncHarness.Create(sim => sim.CallCount = n);
        harness.Simulator.Faults.LateStartedAt(share: 0.02, maxDelay: TimeSpan.FromMinutes(30));

        var ids = await harness.RunAsync(() => SyncHarness.CollectIdsAsync(harness.Client.GetCallsAsync()), limit: TimeSpan.FromHours(2));

        ids.Should().Equal(harness.AllIds());
        harness.Simulator.Requests.Count.Should().BeLessThanOrEqualTo(((n + 49) / 50) + 2);
    }
}
