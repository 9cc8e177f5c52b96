using Aircall.CallSync.IntegrationTests.Infrastructure;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aircall.CallSync.IntegrationTests.Sync;

/// <summary>The sync runner: into a store, checkpointed, killed and restarted, incremental, periodic.</summary>
public sealed class SyncRunnerTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_full_sync_stores_every_call_once_and_reports_progress()
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 12_345);
        var store = new InMemoryCallStore();
        var runner = new CallSyncRunner(store, new InMemoryCheckpointStore(), harness.Clock);
        var reports = new List<CallSyncProgress>();
        var progress = new SynchronousProgress<CallSyncProgress>(reports.Add);

        var result = await harness.RunAsync(() => runner.RunAsync(harness.Client, null, progress, Ct));

        store.Count.Should().Be(12_345);
        store.Calls.Select(c => c.Call.Id).Order().Should().Equal(harness.AllIds().Order());
        store.Calls.Should().OnlyContain(c => c.Version == SyncHarness.Start || c.Version > SyncHarness.Start, "batch writes carry the response time");
        result.CallsWritten.Should().Be(12_345);
        result.Pages.Should().Be(reports.Count).And.Be(247);
        result.Requests.Should().Be(247);
        result.RateLimitedResponses.Should().Be(0);
        result.RateLimitWait.Should().BeGreaterThan(TimeSpan.FromMinutes(2), "four windows' worth of requests had to wait their turn");
        result.Resumed.Should().BeFalse();
        reports.Select(r => r.CallsSynced).Should().BeInAscendingOrder().And.EndWith(12_345);
        reports[0].EstimatedTotal.Should().Be(12_345, "meta.total of the first window covers the whole range");
        reports.Should().Contain(r => r.WindowFrom != null, "the window moved past the cap");
        reports[^1].Requests.Should().Be(247);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public async Task Killed_at_a_random_point_and_restarted_it_finishes_with_every_call_stored_once(int seed)
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 10_500);
        var random = new Random(seed);
        var store = new CountingStore();
        var checkpoints = new InMemoryCheckpointStore();
        var crashes = 0;

        while (true)
        {
            // Each attempt dies at a random page, either while writing to the store or while saving the checkpoint
            // (after the store took the page): both are the worst places for a process to be killed.
            var dieAt = random.Next(1, 120);
            var inCheckpoint = random.Next(2) == 0;
            var crashingStore = new CrashingStore(store, inCheckpoint ? int.MaxValue : dieAt);
            var crashingCheckpoints = new CrashingCheckpoints(checkpoints, inCheckpoint ? dieAt : int.MaxValue);
            var runner = new CallSyncRunner(crashingStore, crashingCheckpoints, harness.Clock);
            try
            {
                var result = await harness.RunAsync(() => runner.RunAsync(harness.Client, cancellationToken: Ct));
                result.Resumed.Should().Be(crashes > 0);
                break;
            }
            catch (SimulatedCrashException)
            {
                crashes++;
            }
        }

        crashes.Should().BeGreaterThan(0);
        store.Ids.Order().Should().Equal(harness.AllIds().Order(), "every call in the range is stored, none twice");
        store.PagesWrittenTwice.Should().BeLessThanOrEqualTo(crashes, "at most the page in flight at each crash is written again");
    }

    [Fact]
    public async Task The_next_run_is_incremental_from_the_last_upper_bound_minus_the_look_back()
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 300);
        var store = new InMemoryCallStore();
        var checkpoints = new InMemoryCheckpointStore();
        var runner = new CallSyncRunner(store, checkpoints, harness.Clock);
        var first = await harness.RunAsync(() => runner.RunAsync(harness.Client, cancellationToken: Ct));
        first.To.Should().Be(SyncHarness.Start);

        harness.Clock.Advance(TimeSpan.FromHours(2));
        var fresh = harness.Simulator.DefaultAccount.AddCalls(12);
        var options = new CallSyncOptions { LookBack = TimeSpan.FromHours(1) };
        var second = await harness.RunAsync(() => runner.RunAsync(harness.Client, options, cancellationToken: Ct));

        second.From.Should().Be(SyncHarness.Start - TimeSpan.FromHours(1));
        second.To.Should().Be(SyncHarness.Start + TimeSpan.FromHours(2));
        var recentOriginals = harness.Simulator.DefaultAccount.EnumerateCalls().Count(c => c.StartedAt >= SyncHarness.Start - TimeSpan.FromHours(1) && c.StartedAt <= SyncHarness.Start);
        second.CallsWritten.Should().Be(recentOriginals + 12, "the look-back re-reads the last hour, then the new calls");
        store.Count.Should().Be(312);
        fresh.Should().OnlyContain(id => store.Find(id) != null);
    }

    [Fact]
    public async Task The_hosted_service_syncs_on_start_and_again_each_interval()
    {
        await using var harness = SyncHarness.Create(
            sim => sim.CallCount = 150,
            services: builder =>
            {
                builder.Services.AddSingleton<ICallStore, InMemoryCallStore>();
                builder.AddBatchSync(o => o.Interval = TimeSpan.FromMinutes(10));
            });
        var hosted = harness.Provider.GetServices<IHostedService>().Single();
        var store = (InMemoryCallStore)harness.Provider.GetRequiredService<ICallStore>();

        await hosted.StartAsync(Ct);
        await harness.RunAsync(async () =>
        {
            while (store.Count < 150)
            {
                await Task.Delay(5, Ct);
            }
        });
        harness.Clock.Advance(TimeSpan.FromMinutes(3));
        harness.Simulator.DefaultAccount.AddCalls(4);
        await harness.RunAsync(async () =>
        {
            while (store.Count < 154)
            {
                await Task.Delay(5, Ct);
            }
        }, limit: TimeSpan.FromMinutes(30));
        await hosted.StopAsync(Ct);

        store.Count.Should().Be(154);
        (harness.Clock.GetUtcNow() - SyncHarness.Start).Should().BeGreaterThanOrEqualTo(TimeSpan.FromMinutes(10), "the second run waited for the interval");
    }

    [Fact]
    public async Task Empty_and_short_pages_do_not_end_a_sync_early_every_call_is_stored_once()
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 1_000);
        var store = new CountingStore();
        var runner = new CallSyncRunner(store, new InMemoryCheckpointStore(), harness.Clock);
        var progress = new SynchronousProgress<CallSyncProgress>(p =>
        {
            // Faults for the request after this page: an empty page that still links to more, then a short "last" page.
            if (p.Pages == 2)
            {
                harness.Simulator.Faults.EmptyPageNext(1);
            }
            else if (p.Pages == 4)
            {
                harness.Simulator.Faults.ShortPageNext(1, callsKept: 28);
            }
        });

        var result = await harness.RunAsync(() => runner.RunAsync(harness.Client, null, progress, Ct));

        store.Ids.Order().Should().Equal(harness.AllIds().Order(), "every call is stored, none twice");
        result.CallsWritten.Should().Be(1_000);
        harness.Simulator.Requests.Select(r => r.Fault).Should().Contain("empty-page").And.Contain("short-page");
    }

    [Fact]
    public async Task A_page_that_keeps_contradicting_fails_the_run_loudly_and_a_rerun_completes_with_every_call()
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 1_000);
        var store = new CountingStore();
        var checkpoints = new InMemoryCheckpointStore();
        var runner = new CallSyncRunner(store, checkpoints, harness.Clock);
        var progress = new SynchronousProgress<CallSyncProgress>(p =>
        {
            if (p.Pages == 5 && p.CallsThisRun == 250)
            {
                harness.Simulator.Faults.ShortPageNext(10, callsKept: 0);
            }
        });

        var failed = () => harness.RunAsync(() => runner.RunAsync(harness.Client, null, progress, Ct));

        await failed.Should().ThrowAsync<CallListInconsistentException>();
        store.Ids.Should().HaveCount(250, "the run stopped at the page that contradicted the total, not at the end");

        harness.Simulator.Faults.Clear();
        var rerun = await harness.RunAsync(() => runner.RunAsync(harness.Client, cancellationToken: Ct));

        rerun.Resumed.Should().BeTrue("the failed run was not marked complete");
        rerun.CallsWritten.Should().Be(750, "the rerun continued after the last stored page");
        store.Ids.Order().Should().Equal(harness.AllIds().Order(), "every call is stored, none twice");
    }

    [Fact]
    public async Task Late_started_at_over_more_than_10000_calls_every_call_is_stored_once()
    {
        const int n = 12_345;
        await using var harness = SyncHarness.Create(sim => sim.CallCount = n);
        harness.Simulator.Faults.LateStartedAt(share: 1, maxDelay: TimeSpan.FromHours(3));
        var store = new CountingStore();
        var runner = new CallSyncRunner(store, new InMemoryCheckpointStore(), harness.Clock);

        var result = await harness.RunAsync(() => runner.RunAsync(harness.Client, cancellationToken: Ct), limit: TimeSpan.FromHours(2));

        store.Ids.Order().Should().Equal(harness.AllIds().Order(), "no call skipped at the re-anchor, none stored twice");
        result.CallsWritten.Should().Be(n);
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; posts to the thread pool, out of order).</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }

    private sealed class SimulatedCrashException : Exception;

    /// <summary>A store that records every write and tells pages written twice.</summary>
    private sealed class CountingStore : ICallStore
    {
        private readonly InMemoryCallStore _inner = new();
        private readonly HashSet<long> _firstIdsOfPages = [];

        public int PagesWrittenTwice { get; private set; }

        public IEnumerable<long> Ids => _inner.Calls.Select(c => c.Call.Id);

        public ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken) => _inner.UpsertAsync(write, cancellationToken);

        public async ValueTask<int> UpsertManyAsync(IReadOnlyList<CallWrite> writes, CancellationToken cancellationToken)
        {
            if (writes.Count > 0 && !_firstIdsOfPages.Add(writes[0].CallId))
            {
                PagesWrittenTwice++;
            }

            var applied = 0;
            foreach (var write in writes)
            {
                applied += await _inner.UpsertAsync(write, cancellationToken) ? 1 : 0;
            }

            return applied;
        }
    }

    private sealed class CrashingStore(ICallStore inner, int dieOnPage) : ICallStore
    {
        private int _pages;

        public ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken) => inner.UpsertAsync(write, cancellationToken);

        public ValueTask<int> UpsertManyAsync(IReadOnlyList<CallWrite> writes, CancellationToken cancellationToken)
            => ++_pages == dieOnPage ? throw new SimulatedCrashException() : inner.UpsertManyAsync(writes, cancellationToken);
    }

    private sealed class CrashingCheckpoints(ICheckpointStore inner, int dieOnWrite) : ICheckpointStore
    {
        private int _writes;

        public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken) => inner.GetAsync(key, cancellationToken);

        public ValueTask SetAsync(string key, string checkpoint, CancellationToken cancellationToken)
            => ++_writes == dieOnWrite ? throw new SimulatedCrashException() : inner.SetAsync(key, checkpoint, cancellationToken);
    }
}
