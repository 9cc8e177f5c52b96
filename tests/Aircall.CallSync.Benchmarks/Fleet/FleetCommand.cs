using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.Benchmarks.Infrastructure;
using Aircall.CallSync.EntityFrameworkCore;
using Aircall.CallSync.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aircall.CallSync.Benchmarks.Fleet;

/// <summary>
/// <c>fleet [--accounts 10,100,1000] [--workers 2] [--calls 500] [--limit 10] [--window-ms 10000] [--slots 64] [--max-wait-ms N]</c>: for
/// each number of accounts, a simulator on Kestrel at 127.0.0.1 with that many accounts of <c>--calls</c> calls and a
/// compressed per-account limit, a fresh schema on the PostgreSQL server of <c>AIRCALL_TEST_POSTGRES</c>, and
/// <c>--workers</c> processes of the Fleet sample (built in Release). Measures, until every account caught up, the
/// aggregate calls/s and requests/s (by arrival at the simulator) against the sum of the accounts' floors
/// (accounts × limit ÷ window), and each worker's CPU time and peak working set. Prints a Markdown table.
/// <c>--max-wait-ms</c> sets <c>AircallFleetOptions.MaxRateLimitWait</c> (how long a slice may wait for its account's
/// budget before it ends and frees its slot; the option's default when absent).
/// </summary>
internal static class FleetCommand
{
    private const string Sample = "Aircall.CallSync.Samples.Fleet";
    private const string DataProtectionApplication = "Aircall.CallSync.Benchmarks.Fleet";

    public static async Task<int> RunAsync(string[] args)
    {
        int[] sizes = [10, 100, 1_000];
        int workers = 2, calls = 500, limit = 10, slots = 64;
        var window = TimeSpan.FromSeconds(10);
        TimeSpan? maxWait = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--accounts": sizes = [.. args[++i].Split(',').Select(s => int.Parse(s.Replace("_", "", StringComparison.Ordinal), CultureInfo.InvariantCulture))]; break;
                case "--workers": workers = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--calls": calls = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--limit": limit = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--slots": slots = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--window-ms": window = TimeSpan.FromMilliseconds(double.Parse(args[++i], CultureInfo.InvariantCulture)); break;
                case "--max-wait-ms": maxWait = TimeSpan.FromMilliseconds(double.Parse(args[++i], CultureInfo.InvariantCulture)); break;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}. Usage: fleet [--accounts 10,100,1000] [--workers 2] [--calls 500] [--limit 10] [--window-ms 10000] [--slots 64] [--max-wait-ms 2000]");
                    return 2;
            }
        }

        var server = System.Environment.GetEnvironmentVariable("AIRCALL_TEST_POSTGRES");
        if (string.IsNullOrEmpty(server))
        {
            Console.Error.WriteLine("Set AIRCALL_TEST_POSTGRES to a PostgreSQL connection string: export AIRCALL_TEST_POSTGRES=\"$(bash eng/test-postgres.sh)\"");
            return 2;
        }

        Console.WriteLine(MachineInfo.Describe());
        Console.WriteLine(Invariant($"Per account: {calls} calls, {limit} requests per {window.TotalSeconds:0.###} s window; {workers} worker processes, {slots} slices each at once; MaxRateLimitWait {(maxWait is { } w ? w.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s" : "default")}."));
        var rows = new List<Row>();
        foreach (var n in sizes)
        {
            rows.Add(await MeasureAsync(server, n, workers, calls, limit, window, slots, maxWait));
        }

        Console.WriteLine();
        Console.WriteLine("| Accounts | Calls | Requests | Wall (s) | Calls/s | Requests/s | Floor (req/s) | Ratio | Ratio after the first window's burst | Worker CPU (s, each) | Worker peak working set (MiB, each) |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|");
        foreach (var r in rows)
        {
            Console.WriteLine(Invariant($"| {r.Accounts:N0} | {r.Calls:N0} | {r.Requests:N0} | {r.Wall.TotalSeconds:F1} | {r.Calls / r.Wall.TotalSeconds:F0} | {r.Requests / r.Wall.TotalSeconds:F1} | {r.Floor:F1} | {r.Requests / r.Wall.TotalSeconds / r.Floor:F3} | {r.SteadyRatio:F3} | {string.Join(" / ", r.Cpu.Select(c => c.ToString("F1", CultureInfo.InvariantCulture)))} | {string.Join(" / ", r.PeakMiB.Select(m => m.ToString("F0", CultureInfo.InvariantCulture)))} |"));
        }

        if (rows.Count >= 2)
        {
            var (small, large) = (rows[0], rows[^1]);
            var perAccount = (large.PeakMiB.Average() - small.PeakMiB.Average()) * 1024 / ((large.Accounts - small.Accounts) / (double)workers);
            Console.WriteLine(Invariant($"\nMemory per account (peak working set per worker, {small.Accounts} to {large.Accounts} accounts, per account that worker had): {perAccount:F1} KiB"));
        }

        return rows.All(r => r.Complete) ? 0 : 1;
    }

    private static async Task<Row> MeasureAsync(string server, int accounts, int workers, int calls, int limit, TimeSpan window, int slots, TimeSpan? maxWait)
    {
        var schema = "aircall_fleet_bench_" + Guid.NewGuid().ToString("N")[..10];
        await ExecuteAsync(server, $"CREATE SCHEMA {schema}");
        var connectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema }.ConnectionString;
        var processes = new List<Process>();
        var keys = Directory.CreateTempSubdirectory("aircall-fleet-bench-keys-").FullName;
        try
        {
            await using var simulator = new AircallSimulator(new AircallSimulatorOptions { CallCount = 0, RateLimit = limit, RateLimitWindow = window, Seed = 5 });
            var address = await simulator.StartKestrelAsync();
            long expected = 0;
            for (var i = 0; i < accounts; i++)
            {
                expected += simulator.AddAccount($"bench-{i:D4}", $"bench-secret-{i:D4}", calls, $"bench-access-{i:D4}").CallCount;
            }

            var environment = new Dictionary<string, string>
            {
                ["ConnectionStrings__Fleet"] = connectionString,
                ["DataProtection__KeysDirectory"] = keys,
                ["DataProtection__ApplicationName"] = DataProtectionApplication,
                ["Aircall__BaseAddress"] = address.ToString(),
                ["Aircall__RateLimit__PermitLimit"] = limit.ToString(CultureInfo.InvariantCulture),
                ["Aircall__RateLimit__Window"] = window.ToString("c", CultureInfo.InvariantCulture),
                ["Fleet__SchedulerName"] = schema,
                ["Fleet__Interval"] = "01:00:00",
                ["Fleet__SliceRequests"] = (limit * 3).ToString(CultureInfo.InvariantCulture),
                ["Fleet__SliceDuration"] = (window * 4).ToString("c", CultureInfo.InvariantCulture),
                ["Fleet__ContinueDelay"] = "00:00:00.1",
                ["Fleet__ReconcileInterval"] = "00:00:05",
                ["Fleet__MaxConcurrentSlices"] = slots.ToString(CultureInfo.InvariantCulture),
                ["Logging__LogLevel__Default"] = "Warning",
            };
            if (maxWait is { } wait)
            {
                environment["Fleet__MaxRateLimitWait"] = wait.ToString("c", CultureInfo.InvariantCulture);
            }

            using (var setup = Start(environment, "--setup"))
            {
                await setup.WaitForExitAsync();
                if (setup.ExitCode != 0)
                {
                    throw new InvalidOperationException($"The Fleet sample's --setup exited with {setup.ExitCode}.");
                }
            }

            await InstallAccountsAsync(connectionString, keys, accounts);

            for (var w = 0; w < workers; w++)
            {
                processes.Add(Start(environment));
            }

            var deadline = Stopwatch.StartNew();
            var complete = false;
            var cpu = new double[workers];
            var peak = new double[workers];
            while (deadline.Elapsed < TimeSpan.FromMinutes(20))
            {
                await Task.Delay(1000);
                for (var w = 0; w < workers; w++)
                {
                    (cpu[w], var rss) = Usage(processes[w].Id);
                    peak[w] = Math.Max(peak[w], rss);
                }

                if (await ScalarAsync(connectionString, "SELECT count(*) FROM aircall_accounts WHERE last_sync_at IS NULL") == 0)
                {
                    complete = true;
                    break;
                }
            }

            var stored = await ScalarAsync(connectionString, "SELECT count(*) FROM aircall_calls");
            var requests = simulator.Requests.Select(r => r.Time).Order().ToList();
            var wall = requests.Count > 1 ? requests[^1] - requests[0] : TimeSpan.Zero;
            var floor = accounts * limit / window.TotalSeconds;
            // The first window's requests of every account start at once (the limiter lets a full window through): the
            // steady ratio leaves that burst out, requests after it against the floor over the rest of the run.
            var steadyRequests = requests.Count - (long)accounts * limit;
            var steadySeconds = (wall - window).TotalSeconds;
            var steady = steadySeconds > 0 ? steadyRequests / steadySeconds / floor : double.NaN;
            Console.WriteLine(Invariant($"{accounts} accounts: {stored:N0} of {expected:N0} calls, {requests.Count:N0} requests, {simulator.RateLimitedCount} x 429, {wall.TotalSeconds:F1} s"));
            return new Row(accounts, stored, requests.Count, wall, floor, steady, cpu, [.. peak.Select(b => b / (1024 * 1024))], complete && stored == expected && simulator.RateLimitedCount == 0);
        }
        finally
        {
            foreach (var process in processes)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }

            await ExecuteAsync(server, $"DROP SCHEMA IF EXISTS {schema} CASCADE");
            Directory.Delete(keys, recursive: true);
        }
    }

    /// <summary>As the partner's app does at each install: Active accounts, their tokens protected by the key ring the workers read.</summary>
    private static async Task InstallAccountsAsync(string connectionString, string keys, int accounts)
    {
        var services = new ServiceCollection();
        services.AddDbContextFactory<BenchContext>(o => o.UseNpgsql(connectionString));
        services.AddDataProtection().SetApplicationName(DataProtectionApplication).PersistKeysToFileSystem(new DirectoryInfo(keys));
        await using var provider = services.BuildServiceProvider();
        var store = new EntityFrameworkCoreAccountStore<BenchContext>(
            provider.GetRequiredService<IDbContextFactory<BenchContext>>(),
            new DataProtectionAccessTokenProtector(provider.GetRequiredService<IDataProtectionProvider>()));
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < accounts; i++)
        {
            await store.SaveAsync(new AircallAccount
            {
                AccountId = $"bench-{i:D4}",
                Status = AircallAccountStatus.Active,
                AccessToken = $"bench-access-{i:D4}",
                InstalledAt = now,
                UpdatedAt = now,
            }, CancellationToken.None);
        }
    }

    private sealed class BenchContext(DbContextOptions<BenchContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyAircallCallSync();
    }

    /// <summary>CPU seconds (user + system) and the peak working set (bytes) of a live process, from /proc.</summary>
    private static (double CpuSeconds, double PeakBytes) Usage(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            var hwm = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            var kib = long.Parse(hwm["VmHWM:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            return (ticks / 100.0, kib * 1024.0);
        }
        catch (IOException)
        {
            return (0, 0);
        }
    }

    private static Process Start(Dictionary<string, string> environment, params string[] args)
    {
        var dll = Path.Combine(RepoRoot(), "samples", Sample, "bin", "Release", "net10.0", Sample + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} is missing: dotnet build samples/{Sample} -c Release first.", dll);
        }

        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("The worker did not start.");
    }

    private static string RepoRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Aircall.CallSync.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("No Aircall.CallSync.sln above the benchmarks.");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Row(int Accounts, long Calls, long Requests, TimeSpan Wall, double Floor, double SteadyRatio, double[] Cpu, double[] PeakMiB, bool Complete);
}
