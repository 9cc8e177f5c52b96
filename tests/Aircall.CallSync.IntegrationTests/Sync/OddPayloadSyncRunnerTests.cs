using Aircall.CallSync.IntegrationTests.Infrastructure;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Aircall.CallSync.Testing;

namespace Aircall.CallSync.IntegrationTests.Sync;

/// <summary>The sync runner over a simulator that sends every call with undocumented JSON types and unknown fields.</summary>
public sealed class OddPayloadSyncRunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_run_over_odd_payloads_stores_every_call_exactly_once_as_the_shapes_promise()
    {
        await using var harness = SyncHarness.Create(sim =>
        {
            sim.CallCount = 1_234;
            sim.Seed = 99;
            sim.OddPayloadRate = 1;
        });
        var store = new InMemoryCallStore();
        var runner = new CallSyncRunner(store, new InMemoryCheckpointStore(), harness.Clock);

        var result = await harness.RunAsync(() => runner.RunAsync(harness.Client, cancellationToken: Ct));

        result.CallsWritten.Should().Be(1_234, "each call is written once");
        store.Count.Should().Be(1_234);
        store.Calls.Select(c => c.Call.Id).Order().Should().Equal(harness.AllIds().Order());
        store.Calls.Should().NotContain(c => c.Call.Id == 0, "no call lost its id");
        foreach (var truth in harness.Simulator.DefaultAccount.EnumerateCalls())
        {
            var shapes = harness.Simulator.OddShapesOf(truth.Id);
            shapes.Should().NotBe(SimulatorOddShapes.None);
            store.Find(truth.Id)!.Call.ShouldBeTruthReadThrough(truth, shapes, "(sync runner)");
        }
    }
}
