using System.Globalization;
using System.Text;
using Aircall.CallSync.Benchmarks.Infrastructure;
using Aircall.CallSync.Sync;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.Benchmarks.Sync;

/// <summary>
/// <c>margin [--windows 8] [--limit 60] [--scale 60] [--rounds 2]</c>: the throughput the limiter's margin leaves at
/// Aircall's real window (60 requests a minute), before and after it was sized from measured latency, side by side in one
/// run. The simulator (Kestrel on 127.0.0.1) and the SDK share one clock running <c>--scale</c> times faster, so a minute
/// passes in a second and a loopback round trip of 1 to 3 ms looks like 60 to 180 ms, Aircall-like. "Fixed 2%" pins the
/// margin at 1.2 s (MinMargin = MaxMargin = 2% of the window, the earlier behaviour); "measured" uses the defaults.
/// Each round syncs <c>--windows</c> windows' worth of pages with <see cref="CallSyncRunner"/> through the whole pipeline.
/// </summary>
internal static class MarginCommand
{
    private const int PageSize = 50;

    public static async Task<int> RunAsync(string[] args)
    {
        var windows = 8;
        var limit = 60;
        var scale = 60.0;
        var rounds = 2;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--windows": windows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--limit": limit = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--scale": scale = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}. Usage: margin [--windows 8] [--limit 60] [--scale 60] [--rounds 2]");
                    return 2;
            }
        }

        var window = TimeSpan.FromMinutes(1);
        Console.WriteLine(MachineInfo.Describe());
        Console.WriteLine(Invariant($"{limit} requests per {window.TotalSeconds:F0} s window, clock {scale:F0}x, {windows} windows ({limit * (windows + 1)} requests) per sync, {rounds} rounds."));
        var rows = new List<Row>();
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var fixedMargin in new[] { true, false })
            {
                var row = await MeasureAsync(limit, window, windows, scale, fixedMargin, round);
                Console.WriteLine(Invariant($"  round {round}, {row.Variant}: {row.Ratio:F4} of the limit, margin {row.MarginSeconds:F3} s, latency {row.LatencySeconds:F3} s, {row.RateLimited} x 429, most in a window {row.MaxInWindow}"));
                rows.Add(row);
            }
        }

        Console.WriteLine();
        Console.WriteLine(Report(rows, limit, window, scale));
        return rows.Any(r => r.RateLimited != 0 || r.MaxInWindow > limit || !r.Complete) ? 1 : 0;
    }

    private static async Task<Row> MeasureAsync(int limit, TimeSpan window, int windows, double scale, bool fixedMargin, int round)
    {
        var requests = limit * (windows + 1);
        await using var simulator = new AircallSimulator(new AircallSimulatorOptions
        {
            CallCount = (requests * PageSize) - 1, // `requests` pages (and a few more where the 10,000 cap re-anchors)
            Seed = 42,
            RateLimit = limit,
            RateLimitWindow = window,
            TimeScale = scale,
        });
        var address = await simulator.StartKestrelAsync();
        var services = new ServiceCollection();
        services.AddSingleton(simulator.TimeProvider); // the SDK runs on the simulator's scaled clock
        services.AddAircallCallSync(o =>
        {
            o.ApiId = simulator.DefaultAccount.ApiId;
            o.ApiToken = simulator.DefaultAccount.ApiToken;
            o.BaseAddress = address;
            o.RateLimit.PermitLimit = limit;
            o.RateLimit.Window = window;
            if (fixedMargin)
            {
                o.RateLimit.MinMargin = o.RateLimit.MaxMargin = window / 50;
            }

            // Minutes of the scaled clock are seconds of real time: no real request comes near these.
            o.Resilience.AttemptTimeout = TimeSpan.FromMinutes(10);
            o.Resilience.TotalTimeout = TimeSpan.FromMinutes(60);
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<AircallClient>();
        var store = new CountingCallStore();
        var result = await new CallSyncRunner(store, timeProvider: simulator.TimeProvider).RunAsync(client);

        var limiter = provider.GetRequiredService<Aircall.CallSync.Http.RateLimiterRegistry>().All.Single();
        var arrivals = simulator.Requests.Select(r => r.Time).Order().ToList();
        // Steady state: after the first `limit` (a burst on an empty log), each request waits for the one `limit` places
        // earlier to leave the window. Requests per window achieved ÷ limit:
        var span = arrivals[^1] - arrivals[0];
        var ratio = (arrivals.Count - limit) / (double)limit * (window / span);
        return new Row(
            round,
            fixedMargin ? "fixed 2% (before)" : "measured (after)",
            ratio,
            limiter.Margin.TotalSeconds,
            limiter.Latency?.TotalSeconds ?? 0,
            simulator.RateLimitedCount,
            simulator.MaxRequestsInWindow(),
            arrivals.Count,
            store.Count == simulator.DefaultAccount.EnumerateCalls().Count() && result.CallsWritten == store.Count);
    }

    private static string Report(List<Row> rows, int limit, TimeSpan window, double scale)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"Rate-limit margin at Aircall's window ({limit} per {window.TotalSeconds:F0} s, clock {scale:F0}x)"));
        text.AppendLine();
        text.AppendLine("| round | margin | requests per window ÷ limit | margin at the end | smoothed latency | requests | 429s | most in one window |");
        text.AppendLine("|---:|---|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            text.AppendLine(Invariant(
                $"| {row.Round} | {row.Variant} | {row.Ratio:F4} | {row.MarginSeconds:F3} s | {row.LatencySeconds:F3} s | {row.Requests} | {row.RateLimited} | {row.MaxInWindow} / {limit} |"));
        }

        var before = rows.Where(r => r.Variant.StartsWith("fixed", StringComparison.Ordinal)).Average(r => r.Ratio);
        var after = rows.Where(r => r.Variant.StartsWith("measured", StringComparison.Ordinal)).Average(r => r.Ratio);
        text.AppendLine();
        text.AppendLine(Invariant($"Mean: fixed {before:F4}, measured {after:F4}; measured ÷ fixed = {after / before:F4}."));
        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Row(int Round, string Variant, double Ratio, double MarginSeconds, double LatencySeconds, int RateLimited, int MaxInWindow, int Requests, bool Complete);
}
