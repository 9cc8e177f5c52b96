using System.Globalization;
using System.Net;
using System.Text;
using Aircall.CallSync.Benchmarks.Infrastructure;
using Aircall.CallSync.Benchmarks.Storage;
using Aircall.CallSync.Samples.Storage;
using Aircall.CallSync.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Aircall.CallSync.Benchmarks.Load;

/// <summary>
/// <c>webhook-load [--quick] [--rate 500] [--seconds 20] [--max-seconds 10] [--concurrency 32] [--stores noop,sqlite]</c>:
/// hosts <c>MapAircallWebhook</c> on Kestrel at 127.0.0.1 (token from <c>Aircall:WebhookToken</c>, logging off), first with a
/// no-op <see cref="ICallStore"/>, then with the samples' SqliteCallStore on a temporary file (or, with
/// <c>--stores postgres,postgres-naive</c>, the EF Core store and a naive one on PostgreSQL), and drives it from a second
/// process (<see cref="WebhookLoadClient"/>): a constant arrival rate, then back-to-back requests for maximum throughput.
/// Prints a Markdown report.
/// </summary>
internal static class WebhookLoadCommand
{
    private const string Token = "bench-webhook-token-0000000000000"; // fake: the harness talks to itself on 127.0.0.1

    public static async Task<int> RunAsync(string[] args)
    {
        var rate = 500.0;
        var seconds = 20.0;
        var maxSeconds = 10.0;
        var concurrency = 32;
        string[] stores = ["noop", "sqlite"];
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": seconds = 3; maxSeconds = 2; break;
                case "--rate": rate = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--max-seconds": maxSeconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--stores": stores = args[++i].Split(','); break;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}. Usage: webhook-load [--quick] [--rate 500] [--seconds 20] [--max-seconds 10] [--concurrency 32] [--stores noop,sqlite]");
                    return 2;
            }
        }

        Console.WriteLine(MachineInfo.Describe());
        var rows = new List<(string Store, LoadResult Result, long Stored)>();
        var idBase = 5_000_000_000L;
        foreach (var storeName in stores)
        {
            var database = Path.Combine(Path.GetTempPath(), $"aircall-bench-{Guid.NewGuid():N}.db");
            // postgres: the EF Core store on a new schema of AIRCALL_TEST_POSTGRES; postgres-naive: read, then write, in a transaction.
            await using var efDatabase = storeName.StartsWith("postgres", StringComparison.Ordinal) ? await BenchDatabase.CreateAsync("postgres") : null;
            ICallStore store = storeName switch
            {
                "noop" => new NoOpCallStore(),
                "sqlite" => new SqliteCallStore($"Data Source={database}"),
                "postgres" or "postgres-naive" => efDatabase!.Store(naive: storeName == "postgres-naive"),
                _ => throw new ArgumentException($"Unknown store {storeName}: noop, sqlite, postgres or postgres-naive."),
            };
            try
            {
                await using var app = await StartAsync(store);
                var url = new Uri(new Uri(Address(app)), "/aircall/webhook");
                foreach (var (mode, amount, duration) in new[] { ("rate", rate, seconds), ("max", (double)concurrency, maxSeconds) })
                {
                    Console.WriteLine(Invariant($"{storeName} store, {mode} {amount} for {duration} s against {url}"));
                    var before = await CountAsync(store, efDatabase);
                    var result = await SelfProcess.RunAsync<LoadResult>(
                    [
                        "webhook-client", url.ToString(), Token, mode, amount.ToString(CultureInfo.InvariantCulture),
                        duration.ToString(CultureInfo.InvariantCulture), idBase.ToString(CultureInfo.InvariantCulture),
                    ]);
                    idBase += 1_000_000_000L;
                    var stored = await CountAsync(store, efDatabase) - before;
                    Console.WriteLine(Invariant($"  {result.Sent} sent, {result.Failed} failed, {result.RequestsPerSecond:F0} req/s, p50 {result.P50:F2} ms, p99 {result.P99:F2} ms"));
                    rows.Add((storeName, result, stored));
                }
            }
            finally
            {
                (store as IDisposable)?.Dispose();
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                foreach (var file in new[] { database, database + "-wal", database + "-shm" })
                {
                    File.Delete(file);
                }
            }
        }

        Console.WriteLine();
        Console.WriteLine(Report(rows, rate));
        return rows.All(r => r.Result.Failed == 0) ? 0 : 1;
    }

    private static async Task<WebApplication> StartAsync(ICallStore store)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(store);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Aircall:WebhookToken"] = Token })
            .Build();
        builder.Services.AddAircallCallSync(configuration).AddWebhooks();
        var app = builder.Build();
        app.MapAircallWebhook("/aircall/webhook");
        await app.StartAsync();
        return app;
    }

    private static string Address(WebApplication app)
        => app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();

    private static async Task<long> CountAsync(ICallStore store, BenchDatabase? database) => store switch
    {
        NoOpCallStore noop => noop.Count,
        SqliteCallStore sqlite => (await sqlite.SummarizeAsync()).Calls,
        _ => database is null ? 0 : await database.CountAsync(),
    };

    private static string Report(List<(string Store, LoadResult Result, long Stored)> rows, double rate)
    {
        var text = new StringBuilder();
        text.AppendLine("Webhook endpoint (MapAircallWebhook on Kestrel 127.0.0.1; load from a second process on the same machine)");
        text.AppendLine();
        text.AppendLine("| store | load | duration | requests | failed | stored (with the 1 s warm-up) | req/s | p50 | p90 | p99 | p99.9 | max | p99 from schedule |");
        text.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (store, r, stored) in rows)
        {
            var load = r.Mode == "rate" ? Invariant($"constant {r.TargetRate:F0} req/s") : Invariant($"max, {r.Concurrency} in flight");
            var fromSchedule = r.Mode == "rate" ? Invariant($"{r.P99FromSchedule:F2} ms") : "n/a";
            text.AppendLine(Invariant(
                $"| {store} | {load} | {r.Seconds:F1} s | {r.Sent:N0} | {r.Failed}{(r.FailureStatuses is null ? "" : " (" + r.FailureStatuses + ")")} | {stored:N0} | {r.RequestsPerSecond:N0} | {r.P50:F2} ms | {r.P90:F2} ms | {r.P99:F2} ms | {r.P999:F2} ms | {r.Max:F2} ms | {fromSchedule} |"));
        }

        text.AppendLine();
        foreach (var (_, r, _) in rows.Where(r => r.Store == "noop" && r.Result.Mode == "rate"))
        {
            text.AppendLine(Invariant($"Target: p99 under 5 ms at {rate:F0} req/s with the no-op store: p99 {r.P99:F2} ms: {(r.P99 < 5 ? "met" : "NOT met")} (from schedule: {r.P99FromSchedule:F2} ms; {r.LateSends} of {r.Sent} requests left more than 2 ms late)"));
        }

        foreach (var (_, r, _) in rows.Where(r => r.Store == "postgres"))
        {
            var sustained = r.Failed == 0 && r.RequestsPerSecond >= 1000 * 0.98 && r.P99 < 20;
            text.AppendLine(Invariant($"Target: at least 1,000 deliveries/s into PostgreSQL with p99 under 20 ms ({(r.Mode == "rate" ? "constant rate" : "max")}): {r.RequestsPerSecond:N0} req/s, p99 {r.P99:F2} ms: {(sustained ? "met" : "NOT met")}"));
        }

        return text.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
