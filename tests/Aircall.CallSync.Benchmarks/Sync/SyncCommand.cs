using System.Globalization;
using System.Text;
using Aircall.CallSync.Benchmarks.Infrastructure;
using Aircall.CallSync.Testing;

namespace Aircall.CallSync.Benchmarks.Sync;

/// <summary>
/// <c>sync [--quick] [--n 1000,12345,100000] [--limit 60] [--window-ms 1000] [--no-tutorial]</c>: for each N, a simulator
/// with N calls on Kestrel at 127.0.0.1 and a compressed rate limit (60 requests per 1-second window by default, on the
/// simulator and in <c>Aircall:RateLimit</c> alike), then the SDK's batch sync in a fresh child process, then the
/// tutorial loop in another, against a fresh simulator. Prints a Markdown report with the targets of docs/benchmarks.md.
/// </summary>
internal static class SyncCommand
{
    private const int PageSize = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        int[] sizes = [1_000, 12_345, 100_000];
        var limit = 60;
        var window = TimeSpan.FromSeconds(1);
        var tutorial = true;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": sizes = [1_000]; break;
                case "--n": sizes = [.. args[++i].Split(',').Select(s => int.Parse(s.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture))]; break;
                case "--limit": limit = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--window-ms": window = TimeSpan.FromMilliseconds(double.Parse(args[++i], CultureInfo.InvariantCulture)); break;
                case "--no-tutorial": tutorial = false; break;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}. Usage: sync [--quick] [--n 1000,12345,100000] [--limit 60] [--window-ms 1000] [--no-tutorial]");
                    return 2;
            }
        }

        Console.WriteLine(MachineInfo.Describe());
        Console.WriteLine(Invariant($"Rate limit: {limit} requests per {window.TotalMilliseconds:F0} ms window, on the simulator and the SDK. Sizes: {string.Join(", ", sizes)}."));
        var rows = new List<Row>();
        foreach (var n in sizes)
        {
            var sdk = await MeasureAsync(n, limit, window, "sdk");
            var loop = tutorial ? await MeasureAsync(n, limit, window, "tutorial") : null;
            rows.Add(new Row(n, sdk, loop));
        }

        Console.WriteLine();
        Console.WriteLine(Report(rows, limit, window));
        var failed = rows.Any(r => r.Sdk.Child.Calls != r.N || r.Sdk.Child.IdSum != r.Sdk.ExpectedIdSum || r.Sdk.Child.OutOfOrder != 0);
        if (failed)
        {
            Console.Error.WriteLine("The SDK did not deliver every call exactly once, in order: the figures above are not valid.");
        }

        return failed ? 1 : 0;
    }

    private static async Task<Measurement> MeasureAsync(int n, int limit, TimeSpan window, string mode)
    {
        await using var simulator = new AircallSimulator(new AircallSimulatorOptions
        {
            CallCount = n,
            Seed = 42,
            RateLimit = limit,
            RateLimitWindow = window,
        });
        var address = await simulator.StartKestrelAsync();
        long expected = 0;
        foreach (var call in simulator.DefaultAccount.EnumerateCalls())
        {
            expected += call.Id;
        }

        Console.WriteLine(Invariant($"N = {n:N0}, {mode}: simulator at {address}"));
        var child = await SelfProcess.RunAsync<SyncChildResult>(
        [
            "sync-child", mode, address.ToString(), simulator.DefaultAccount.ApiId, simulator.DefaultAccount.ApiToken,
            limit.ToString(CultureInfo.InvariantCulture), window.TotalMilliseconds.ToString(CultureInfo.InvariantCulture),
        ]);
        var requests = simulator.Requests;
        for (var i = 0; i < requests.Count; i++)
        {
            if (requests[i].StatusCode == 429)
            {
                // Which arrivals filled the window: the request `limit` places earlier and the gap to it, on the simulator's clock.
                var first = requests[Math.Max(0, i - limit)];
                Console.WriteLine(Invariant(
                    $"  429 on request #{i + 1}: request #{Math.Max(0, i - limit) + 1} arrived {(requests[i].Time - first.Time).TotalMilliseconds:F0} ms before it; request #1 arrived at +0, #2 at +{(requests.Count > 1 ? (requests[1].Time - requests[0].Time).TotalMilliseconds : 0):F0} ms"));
            }
        }

        var measurement = new Measurement(child, simulator.Requests.Count, simulator.RateLimitedCount, simulator.MaxRequestsInWindow(), expected);
        Console.WriteLine(Invariant(
            $"  {child.Calls:N0} calls, {measurement.Requests} requests, {measurement.RateLimited} x 429, {child.ElapsedSeconds:F2} s, peak working set {Mib(child.PeakWorkingSetBytes)}, {PerCall(child)} allocated per call; {child.StopReason}"));
        return measurement;
    }

    private static string Report(List<Row> rows, int limit, TimeSpan window)
    {
        var text = new StringBuilder();
        text.AppendLine("Batch sync (Aircall.CallSync: CallSyncRunner into a counting store, each N in a fresh process)");
        text.AppendLine();
        text.AppendLine("| N | calls synced | requests (ideal ⌈N/50⌉) | requests ÷ ideal | wall time | floor (requests × window ÷ limit) | wall ÷ floor | first page after | 429s | most requests in one window | peak working set | allocated per call |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            var s = row.Sdk;
            var ideal = (row.N + PageSize - 1) / PageSize;
            var floor = s.Requests * window.TotalSeconds / limit;
            var exact = s.Child.Calls == row.N && s.Child.IdSum == s.ExpectedIdSum && s.Child.OutOfOrder == 0 ? "each once, in order" : "MISMATCH";
            text.AppendLine(Invariant(
                $"| {row.N:N0} | {s.Child.Calls:N0} ({exact}) | {s.Requests:N0} ({ideal:N0}) | {(double)s.Requests / ideal:F3} | {s.Child.ElapsedSeconds:F2} s | {floor:F2} s | {s.Child.ElapsedSeconds / floor:F3} | {s.Child.FirstCallSeconds:F2} s | {s.RateLimited} | {s.MaxInWindow} / {limit} | {Mib(s.Child.PeakWorkingSetBytes)} | {PerCall(s.Child)} |"));
        }

        if (rows.Any(r => r.Tutorial is not null))
        {
            text.AppendLine();
            text.AppendLine(Invariant($"Tutorial loop (HttpClient, follow next_page_link, fixed {window.TotalMilliseconds / limit:F1} ms sleep, Newtonsoft.Json) in the same run"));
            text.AppendLine();
            text.AppendLine("| N | calls it got | requests | 429s | wall time | calls/s | SDK calls/s | SDK ÷ tutorial (calls/s) | how it stopped | peak working set | allocated per call |");
            text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|");
            foreach (var row in rows.Where(r => r.Tutorial is not null))
            {
                var t = row.Tutorial!;
                var tutorialRate = t.Child.Calls / t.Child.ElapsedSeconds;
                var sdkRate = row.Sdk.Child.Calls / row.Sdk.Child.ElapsedSeconds;
                text.AppendLine(Invariant(
                    $"| {row.N:N0} | {t.Child.Calls:N0} of {row.N:N0} | {t.Requests:N0} | {t.RateLimited} | {t.Child.ElapsedSeconds:F2} s | {tutorialRate:N0} | {sdkRate:N0} | {sdkRate / tutorialRate:F2} | {t.Child.StopReason} | {Mib(t.Child.PeakWorkingSetBytes)} | {PerCall(t.Child)} |"));
            }
        }

        text.AppendLine();
        text.AppendLine("Targets");
        text.AppendLine();
        foreach (var row in rows)
        {
            var s = row.Sdk;
            var ideal = (row.N + PageSize - 1) / PageSize;
            var floor = s.Requests * window.TotalSeconds / limit;
            text.AppendLine(Invariant($"- N = {row.N:N0}: requests {s.Requests} ≤ 1.01 × {ideal} = {1.01 * ideal:F1}: {Met(s.Requests <= 1.01 * ideal)}; wall time {s.Child.ElapsedSeconds:F2} s ≤ 1.05 × floor {floor:F2} s = {1.05 * floor:F2} s: {Met(s.Child.ElapsedSeconds <= 1.05 * floor)}; zero 429s: {Met(s.RateLimited == 0)}"));
        }

        var small = rows.FirstOrDefault(r => r.N == 12_345);
        var large = rows.FirstOrDefault(r => r.N == 100_000);
        if (small is not null && large is not null)
        {
            var ratio = (double)large.Sdk.Child.PeakWorkingSetBytes / small.Sdk.Child.PeakWorkingSetBytes;
            text.AppendLine(Invariant($"- Peak working set at N = 100,000 ÷ at N = 12,345 = {Mib(large.Sdk.Child.PeakWorkingSetBytes)} ÷ {Mib(small.Sdk.Child.PeakWorkingSetBytes)} = {ratio:F3} ≤ 1.2: {Met(ratio <= 1.2)}"));
        }

        return text.ToString();
    }

    private static string Met(bool met) => met ? "met" : "NOT met";

    private static string Mib(long bytes) => Invariant($"{bytes / 1024.0 / 1024.0:F1} MiB");

    private static string PerCall(SyncChildResult child) => child.Calls == 0 ? "n/a" : Invariant($"{child.AllocatedBytes / (double)child.Calls / 1024.0:F1} KiB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Measurement(SyncChildResult Child, int Requests, int RateLimited, int MaxInWindow, long ExpectedIdSum);

    private sealed record Row(int N, Measurement Sdk, Measurement? Tutorial);
}
