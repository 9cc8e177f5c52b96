using System.Diagnostics;
using System.Globalization;
using Aircall.CallSync.Benchmarks.Infrastructure;
using Aircall.CallSync.Sync;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.Benchmarks.Sync;

/// <summary>
/// One measured sync in a process of its own (started by <see cref="SyncCommand"/>):
/// <c>sync-child sdk|tutorial BASE_ADDRESS API_ID API_TOKEN LIMIT WINDOW_MS</c>. <c>sdk</c> runs <see cref="CallSyncRunner"/>
/// through <c>AddAircallCallSync</c> (the whole pipeline: resilience, rate limiter, telemetry) into a counting store;
/// <c>tutorial</c> runs <see cref="TutorialLoop"/>. Prints the <see cref="SyncChildResult"/>.
/// </summary>
internal static class SyncChild
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 6)
        {
            Console.Error.WriteLine("usage: sync-child sdk|tutorial BASE_ADDRESS API_ID API_TOKEN LIMIT WINDOW_MS");
            return 2;
        }

        var mode = args[0];
        var baseAddress = new Uri(args[1]);
        var (apiId, apiToken) = (args[2], args[3]);
        var limit = int.Parse(args[4], CultureInfo.InvariantCulture);
        var window = TimeSpan.FromMilliseconds(double.Parse(args[5], CultureInfo.InvariantCulture));
        var store = new CountingCallStore();
        using var sampler = AllocationSampler.StartIfRequested();
        sampler?.Record();
        var result = mode switch
        {
            "sdk" => await RunSdkAsync(baseAddress, apiId, apiToken, limit, window, store),
            "tutorial" => await RunTutorialAsync(baseAddress, apiId, apiToken, limit, window, store),
            _ => throw new ArgumentException($"Unknown mode {mode}."),
        };
        sampler?.Report(Console.Error);
        SelfProcess.WriteResult(result);
        return 0;
    }

    private static async Task<SyncChildResult> RunSdkAsync(Uri baseAddress, string apiId, string apiToken, int limit, TimeSpan window, CountingCallStore store)
    {
        var services = new ServiceCollection();
        services.AddAircallCallSync(o =>
        {
            o.ApiId = apiId;
            o.ApiToken = apiToken;
            o.BaseAddress = baseAddress;
            o.RateLimit.PermitLimit = limit;
            o.RateLimit.Window = window;
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<AircallClient>();
        var runner = new CallSyncRunner(store);

        var before = Before();
        var stopwatch = Stopwatch.StartNew();
        store.Clock.Start();
        var sync = await runner.RunAsync(client);
        stopwatch.Stop();
        return After(before, stopwatch, store) with
        {
            Mode = "sdk",
            ClientRequests = sync.Requests,
            ClientRateLimited = sync.RateLimitedResponses,
            StopReason = $"completed: {sync.Pages} pages",
        };
    }

    private static async Task<SyncChildResult> RunTutorialAsync(Uri baseAddress, string apiId, string apiToken, int limit, TimeSpan window, CountingCallStore store)
    {
        var before = Before();
        var stopwatch = Stopwatch.StartNew();
        store.Clock.Start();
        var outcome = await TutorialLoop.RunAsync(baseAddress, apiId, apiToken, window / limit, call => store.Add(call.Id, call.StartedAt), CancellationToken.None);
        stopwatch.Stop();
        return After(before, stopwatch, store) with
        {
            Mode = "tutorial",
            ClientRequests = outcome.Requests,
            ClientRateLimited = outcome.RateLimited,
            StopReason = outcome.StopReason,
        };
    }

    private static (long Allocated, long WorkingSet, int Gen0, int Gen1, int Gen2) Before()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return (GC.GetTotalAllocatedBytes(precise: true), process.WorkingSet64, GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
    }

    private static SyncChildResult After((long Allocated, long WorkingSet, int Gen0, int Gen1, int Gen2) before, Stopwatch stopwatch, CountingCallStore store)
    {
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before.Allocated;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        return new SyncChildResult
        {
            Mode = string.Empty,
            Calls = store.Count,
            IdSum = store.IdSum,
            OutOfOrder = store.OutOfOrder,
            ElapsedSeconds = stopwatch.Elapsed.TotalSeconds,
            FirstCallSeconds = store.FirstCallAfter?.TotalSeconds ?? 0,
            AllocatedBytes = allocated,
            PeakWorkingSetBytes = process.PeakWorkingSet64,
            WorkingSetBeforeBytes = before.WorkingSet,
            Gen0 = GC.CollectionCount(0) - before.Gen0,
            Gen1 = GC.CollectionCount(1) - before.Gen1,
            Gen2 = GC.CollectionCount(2) - before.Gen2,
        };
    }
}
