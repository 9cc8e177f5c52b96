using Aircall.CallSync.IntegrationTests.Infrastructure;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;

namespace Aircall.CallSync.IntegrationTests.Sync;

/// <summary>A sync against a simulator whose clock is years off: the stored versions stay on the local clock.</summary>
public sealed class SkewedDateSyncTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(10 * 365)]
    [InlineData(-25 * 365)]
    public async Task Pages_whose_Date_is_years_off_are_versioned_by_the_local_clock(int days)
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 120);
        harness.Simulator.Faults.SkewDateNext(100, TimeSpan.FromDays(days), "/v1/calls");
        var store = new InMemoryCallStore();
        var runner = new CallSyncRunner(store, new InMemoryCheckpointStore(), harness.Clock);
        var before = harness.Clock.GetUtcNow();

        await harness.RunAsync(() => runner.RunAsync(harness.Client, cancellationToken: Ct));
        var after = harness.Clock.GetUtcNow();

        harness.Simulator.Requests.Should().Contain(r => r.Fault == "skew-date", "the simulator did send skewed Date headers");
        store.Count.Should().Be(120);
        store.Calls.Should().OnlyContain(
            c => c.Version >= before.AddSeconds(-1) && c.Version <= after.AddSeconds(1),
            "a Date years off gives way to the local clock, so neither a later webhook nor a later batch is locked out");
    }
}
