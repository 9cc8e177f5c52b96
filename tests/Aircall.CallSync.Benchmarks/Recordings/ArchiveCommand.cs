using System.Diagnostics;
using System.Globalization;
using Aircall.CallSync.Benchmarks.Infrastructure;
using Aircall.CallSync.Models;
using Aircall.CallSync.Recordings;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.Benchmarks.Recordings;

/// <summary>
/// <c>archive [--quick] [--concurrency 4]</c>: the recording archiver against the simulator on 127.0.0.1, with every
/// recording served at 1 MB, then at 50 MB, side by side with what an integration otherwise writes
/// (<c>File.WriteAllBytes(path, await http.GetByteArrayAsync(link))</c>), at the same concurrency. For each: files/s,
/// MB/s, bytes allocated per file, and the peak managed heap and working set sampled during the run. The simulator runs
/// in this process: its own allocations (it streams sized files from a small source) are in both columns.
/// </summary>
internal static class ArchiveCommand
{
    private const long MB = 1024 * 1024;

    public static async Task<int> RunAsync(string[] args)
    {
        var quick = false;
        var concurrency = 4;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": quick = true; break;
                case "--concurrency": concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}. Usage: archive [--quick] [--concurrency 4]");
                    return 2;
            }
        }

        Console.WriteLine(MachineInfo.Describe());
        await using var sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 600, Seed = 3, RateLimit = 0 });
        var api = await sim.StartKestrelAsync();
        var ids = sim.DefaultAccount.EnumerateCalls().Where(c => c.Recording is not null).Select(c => c.Id).ToList();
        (long Size, int Files)[] rounds = quick ? [(1 * MB, 16), (50 * MB, 3)] : [(1 * MB, 64), (50 * MB, 8)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Calls with a recording: {ids.Count}; concurrency {concurrency}."));
        Console.WriteLine();
        Console.WriteLine("| File size | Files | Downloader | Files/s | MB/s | Allocated per file | Peak managed heap | Peak working set |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var (size, files) in rounds)
        {
            sim.Media.DefaultSize = size;
            var batch = ids.Take(files).ToList();
            foreach (var variant in new[] { "archiver", "buffered" })
            {
                var root = Path.Combine(Path.GetTempPath(), "aircall-bench-archive-" + Guid.NewGuid().ToString("N"));
                try
                {
                    var result = variant == "archiver"
                        ? await ArchiverAsync(sim, api, batch, root, concurrency)
                        : await BufferedAsync(sim, api, batch, root, concurrency);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"| {size / MB} MB | {files} | {(variant == "archiver" ? "Aircall.CallSync archiver (streamed)" : "GetByteArrayAsync + WriteAllBytes")} | {files / result.Seconds:F1} | {files * size / (double)MB / result.Seconds:F1} | {result.AllocatedPerFile / (double)MB:F2} MB | {result.PeakHeap / (double)MB:F0} MB | {result.PeakWorkingSet / (double)MB:F0} MB |"));
                }
                finally
                {
                    if (Directory.Exists(root))
                    {
                        Directory.Delete(root, recursive: true);
                    }
                }
            }
        }

        return 0;
    }

    private static async Task<Measured> ArchiverAsync(AircallSimulator sim, Uri api, List<long> ids, string root, int concurrency)
    {
        var services = new ServiceCollection();
        var jobs = new InMemoryRecordingArchiveStore();
        services.AddSingleton<IRecordingArchiveStore>(jobs);
        services.AddAircallCallSync(o =>
            {
                o.BaseAddress = api;
                o.ApiId = sim.DefaultAccount.ApiId;
                o.ApiToken = sim.DefaultAccount.ApiToken;
                o.RateLimit.PermitLimit = 1_000_000;
            })
            .AddRecordingArchiver(o =>
            {
                o.Directory = root;
                o.MaxConcurrency = concurrency;
                o.AllowedHosts.Add("127.0.0.1");
            });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<AircallClient>();
        var writes = new List<CallWrite>();
        foreach (var id in ids)
        {
            var call = (await client.Calls.GetAsync(id)).Call!;
            writes.Add(new CallWrite(call, DateTimeOffset.UtcNow, CallWriteSource.Batch));
        }

        var observer = provider.GetServices<ICallWriteObserver>().Single();
        var archiver = provider.GetRequiredService<RecordingArchiver>();
        return await MeasureAsync(ids.Count, async () =>
        {
            await observer.OnCallsWrittenAsync(writes, CancellationToken.None);
            while (await archiver.RunDueAsync(CancellationToken.None) > 0)
            {
            }

            var done = jobs.Snapshot();
            if (done.Count != ids.Count || done.Any(j => j.Status != RecordingArchiveStatus.Archived))
            {
                throw new InvalidOperationException("Not every file was archived: " + string.Join("; ", done.Where(j => j.Status != RecordingArchiveStatus.Archived).Select(j => j.Reason)));
            }
        });
    }

    private static async Task<Measured> BufferedAsync(AircallSimulator sim, Uri api, List<long> ids, string root, int concurrency)
    {
        using var http = new HttpClient { BaseAddress = api };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(sim.DefaultAccount.ApiId + ":" + sim.DefaultAccount.ApiToken)));
        var links = new List<(long Id, string Link)>();
        foreach (var id in ids)
        {
            var json = await http.GetStringAsync($"/v1/calls/{id}");
            var call = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("call");
            links.Add((id, call.GetProperty("recording").GetString()!));
        }

        Directory.CreateDirectory(root);
        using var storage = new HttpClient();
        return await MeasureAsync(ids.Count, () => Parallel.ForEachAsync(links, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (item, ct) =>
        {
            var bytes = await storage.GetByteArrayAsync(item.Link, ct);
            await File.WriteAllBytesAsync(Path.Combine(root, item.Id.ToString(CultureInfo.InvariantCulture) + ".mp3"), bytes, ct);
        }));
    }

    private static async Task<Measured> MeasureAsync(int files, Func<Task> run)
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        long peakHeap = 0, peakWorkingSet = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                try
                {
                    await Task.Delay(5, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                }
            }
        });
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        await run();
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        await sampling.CancelAsync();
        await sampler;
        return new Measured(seconds, allocated / files, peakHeap, peakWorkingSet);
    }

    private readonly record struct Measured(double Seconds, long AllocatedPerFile, long PeakHeap, long PeakWorkingSet);
}
