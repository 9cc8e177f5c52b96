using System.Diagnostics;
using System.Globalization;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.EntityFrameworkCore;
using Aircall.CallSync.IntegrationTests.Samples;
using Aircall.CallSync.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aircall.CallSync.IntegrationTests.Fleet;

/// <summary>
/// The fleet end to end, as it runs in production: three worker processes of the Fleet sample on one PostgreSQL server,
/// 100 accounts of 500 to 5,000 calls on the simulator (Kestrel on 127.0.0.1) with a compressed rate-limit window, one
/// worker killed with SIGKILL mid-run and started again. Every account's calls are stored, once; the simulator answers no
/// 429 and no account goes above its limit in any window; no two workers ever ran one account at the same time (each
/// slice's interval is recorded, on the database's clock, while its worker holds the account's lock). The test plays the
/// partner's app: it installs the accounts into the EF Core account store, their tokens protected with the Data
/// Protection key ring the workers share.
/// </summary>
public sealed class FleetProofTests
{
    private const int Accounts = 100;
    private const int PermitLimit = 20;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);
    private const string Sample = "Aircall.CallSync.Samples.Fleet";
    private const string DataProtectionApplication = "Aircall.CallSync.Samples.Fleet";

    [Fact]
    public async Task Three_workers_sync_100_accounts_through_a_SIGKILL_without_a_429_or_an_overlap()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var schema = await SamplePostgresSchema.CreateAsync();
        await using var simulator = new AircallSimulator(new AircallSimulatorOptions
        {
            CallCount = 0,
            RateLimit = PermitLimit,
            RateLimitWindow = Window,
            Seed = 16,
        });
        var address = await simulator.StartKestrelAsync(ct);
        var workDirectory = Directory.CreateTempSubdirectory("aircall-fleet-").FullName;

        // 500 to 5,000 calls: three big backlogs among many small ones, so fairness and hand-overs both show. Fewer slots
        // (3 x 12) than accounts: accounts wait their turn, in order of due time.
        var expected = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        for (var i = 0; i < Accounts; i++)
        {
            var calls = i switch { 0 or 50 => 5_000, 25 => 2_000, _ => 500 + (i % 3 * 50) };
            var account = simulator.AddAccount($"fleet-api-{i:D3}", $"fleet-secret-{i:D3}", calls, accessToken: $"fleet-access-{i:D3}");
            expected[AccountId(i)] = account.EnumerateCalls().Select(c => c.Id).ToHashSet();
        }

        var total = expected.Values.Sum(ids => ids.Count);
        var keys = Path.Combine(workDirectory, "keys");
        var environment = Environment(schema, address, keys);
        var setup = SampleProcess.Start(Sample, workDirectory, With(environment, "setup"), "--setup");
        await using (setup)
        {
            (await setup.WaitForExitAsync(TimeSpan.FromMinutes(2))).Should().Be(0, setup.Output);
        }

        await InstallAccountsAsync(schema.ConnectionString, keys, ct);
        var workers = new List<SampleProcess>();
        async Task<string> Progress()
        {
            var stored = await schema.ScalarAsync("SELECT count(*) FROM aircall_calls");
            var caughtUp = await schema.ScalarAsync("SELECT count(*) FROM aircall_accounts WHERE last_sync_at IS NOT NULL");
            var slices = await schema.ScalarAsync("SELECT count(*) FROM fleet_runs");
            var meanMs = await schema.ScalarAsync("SELECT coalesce(avg(extract(epoch FROM ended_at - started_at) * 1000), 0)::bigint FROM fleet_runs");
            var requests = await schema.ScalarAsync("SELECT coalesce(avg(requests), 0)::bigint FROM fleet_runs");
            var perWorker = string.Join(", ", (await RunsAsync(schema.ConnectionString, CancellationToken.None)).GroupBy(r => r.Worker).Select(g => $"{g.Key}: {g.Count()}"));
            return string.Create(CultureInfo.InvariantCulture,
                $"calls stored: {stored} of {total}; accounts caught up: {caughtUp}; slices: {slices}, mean {meanMs} ms, {requests} requests each ({perWorker}); "
                + $"simulator requests: {simulator.Requests.Count}, 429s: {simulator.RateLimitedCount}");
        }
        try
        {
            for (var w = 1; w <= 3; w++)
            {
                workers.Add(SampleProcess.Start(Sample, workDirectory, With(environment, $"w{w}")));
            }

            // Mid-run: a third of the calls stored, worker 2 is killed outright, then started again.
            await WaitUntilAsync(async () => await schema.ScalarAsync("SELECT count(*) FROM aircall_calls") >= total / 3, workers, TimeSpan.FromMinutes(4), Progress);
            var killed = workers[1];
            await WaitUntilAsync(async () => await schema.ScalarAsync($"SELECT count(*) FROM fleet_runs WHERE pid = {killed.Id} AND ended_at IS NULL") > 0,
                workers, TimeSpan.FromMinutes(2), Progress);
            killed.KillNow();
            await killed.WaitForExitAsync(TimeSpan.FromSeconds(30));
            var killedAt = await DatabaseNowAsync(schema.ConnectionString, ct);
            var openAtKill = await schema.ScalarAsync($"SELECT count(*) FROM fleet_runs WHERE pid = {killed.Id} AND ended_at IS NULL");
            workers.Add(SampleProcess.Start(Sample, workDirectory, With(environment, "w2-restarted")));

            // Until every account caught up: all its calls stored and its sync recorded as complete.
            await WaitUntilAsync(async () => await schema.ScalarAsync("SELECT count(*) FROM aircall_accounts WHERE last_sync_at IS NULL") == 0
                && await schema.ScalarAsync("SELECT count(*) FROM aircall_calls") >= total, workers, TimeSpan.FromMinutes(6), Progress, () => JobsOfLaggingAccountsAsync(schema));
            foreach (var worker in workers.Where(w => !w.HasExited))
            {
                worker.Terminate();
            }

            foreach (var worker in workers.Where(w => w != killed))
            {
                (await worker.WaitForExitAsync(TimeSpan.FromSeconds(60))).Should().Be(0, worker.Output);
            }

            using var scope = new FluentAssertions.Execution.AssertionScope();
            scope.AddReportable("progress", await Progress());
            openAtKill.Should().BeGreaterThan(0, "worker 2 was killed while it held at least one account mid-slice");

            // Every account's calls, exactly: none missing, none of another account's, none twice (the key is (account, call)).
            var stored = await StoredCallsAsync(schema.ConnectionString, ct);
            foreach (var (accountId, ids) in expected)
            {
                stored.TryGetValue(accountId, out var got);
                (got ?? []).Should().BeEquivalentTo(ids, $"account {accountId}'s calls are stored once each");
            }

            stored.Keys.Should().BeSubsetOf(expected.Keys);

            // The budget: no 429, and no account above its limit in any window, counted by arrival at the simulator.
            simulator.RateLimitedCount.Should().Be(0, "a hand-over to another worker, or a restart, never draws a 429");
            for (var i = 0; i < Accounts; i++)
            {
                simulator.MaxRequestsInWindow($"fleet-api-{i:D3}", Window).Should().BeLessThanOrEqualTo(PermitLimit, $"account {AccountId(i)} stays within its limit");
            }

            // Mutual exclusion: per account, the slices' intervals never overlap, across workers and the kill.
            var runs = await RunsAsync(schema.ConnectionString, ct);
            runs.Should().NotBeEmpty();
            runs.Where(r => r.Ended is null).Should().OnlyContain(r => r.Pid == killed.Id, "only the killed worker left slices unfinished");
            foreach (var group in runs.GroupBy(r => r.AccountId))
            {
                var ordered = group.OrderBy(r => r.Started).ToList();
                for (var k = 1; k < ordered.Count; k++)
                {
                    var before = ordered[k - 1];
                    var end = before.Ended ?? killedAt;
                    ordered[k].Started.Should().BeOnOrAfter(end,
                        $"account {group.Key}: {ordered[k].Worker}'s slice started at {ordered[k].Started:O}, before {before.Worker}'s ended ({end:O})");
                }
            }

            runs.GroupBy(r => r.AccountId).Count(g => g.Select(r => r.Worker).Distinct().Count() > 1)
                .Should().BeGreaterThan(0, "slices of one account moved between workers");

            // Each account's status, as the partner's page shows it: caught up, no error, a next run, and the calls its
            // recorded slices wrote. A slice of the killed worker may have been cut before it recorded its status (mid-run,
            // or between telling the run log it ended and recording), so its account may show fewer.
            (await schema.ScalarAsync("SELECT count(*) FROM aircall_accounts WHERE last_error IS NOT NULL OR next_sync_at IS NULL OR status <> 1")).Should().Be(0);
            var cut = runs.Where(r => r.Pid == killed.Id).Select(r => r.AccountId).ToHashSet(StringComparer.Ordinal);
            foreach (var (accountId, callsSynced) in await CallsSyncedAsync(schema.ConnectionString, ct))
            {
                if (cut.Contains(accountId))
                {
                    callsSynced.Should().BeGreaterThan(0, $"account {accountId} recorded the calls of its other slices");
                }
                else
                {
                    callsSynced.Should().BeGreaterThanOrEqualTo(expected[accountId].Count, $"account {accountId}'s slices all recorded what they wrote");
                }
            }
        }
        finally
        {
            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    private static string AccountId(int i) => $"acct-{i:D3}";

    private static Dictionary<string, string> Environment(SamplePostgresSchema schema, Uri simulator, string keys) => new()
    {
        ["ConnectionStrings__Fleet"] = schema.ConnectionString,
        ["DataProtection__KeysDirectory"] = keys,
        ["DataProtection__ApplicationName"] = DataProtectionApplication,
        ["Aircall__BaseAddress"] = simulator.ToString(),
        ["Aircall__RateLimit__PermitLimit"] = PermitLimit.ToString(CultureInfo.InvariantCulture),
        ["Aircall__RateLimit__Window"] = Window.ToString("c", CultureInfo.InvariantCulture),
        ["Fleet__SchedulerName"] = schema.Schema,
        ["Fleet__Interval"] = "00:10:00",
        ["Fleet__SliceRequests"] = PermitLimit.ToString(CultureInfo.InvariantCulture),
        ["Fleet__SliceDuration"] = "00:00:20",
        ["Fleet__ContinueDelay"] = "00:00:00.2",
        ["Fleet__InitialBackoff"] = "00:00:01",
        ["Fleet__ReconcileInterval"] = "00:00:02",
        ["Fleet__CheckinInterval"] = "00:00:02",
        ["Fleet__CheckinMisfireThreshold"] = "00:00:04",
        ["Fleet__LockCheckInterval"] = "00:00:01",
        ["Fleet__MaxConcurrentSlices"] = "12",
        ["Fleet__RunLog"] = "true",
        ["Logging__LogLevel__Default"] = "Warning",
        // Quartz's cluster recovery, in the workers' output a failure shows.
        ["Logging__LogLevel__Quartz.Impl.AdoJobStore"] = "Information",
    };

    private static Dictionary<string, string> With(Dictionary<string, string> environment, string worker) =>
        new(environment) { ["Fleet__Worker"] = worker };

    /// <summary>As the partner's app does at each install: the account, Active, with its token protected by the shared key ring.</summary>
    private static async Task InstallAccountsAsync(string connectionString, string keys, CancellationToken ct)
    {
        var services = new ServiceCollection();
        services.AddDbContextFactory<AppContext>(o => o.UseNpgsql(connectionString));
        services.AddDataProtection().SetApplicationName(DataProtectionApplication).PersistKeysToFileSystem(new DirectoryInfo(keys));
        await using var provider = services.BuildServiceProvider();
        var store = new EntityFrameworkCoreAccountStore<AppContext>(
            provider.GetRequiredService<IDbContextFactory<AppContext>>(),
            new DataProtectionAccessTokenProtector(provider.GetRequiredService<IDataProtectionProvider>()));
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Accounts; i++)
        {
            await store.SaveAsync(new AircallAccount
            {
                AccountId = AccountId(i),
                CompanyId = 100_001 + i,
                Name = $"Fleet company {i:D3}",
                Status = AircallAccountStatus.Active,
                AccessToken = $"fleet-access-{i:D3}",
                InstalledAt = now,
                UpdatedAt = now,
            }, ct);
        }
    }

    private sealed class AppContext(DbContextOptions<AppContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyAircallCallSync();
    }

    private static async Task<Dictionary<string, long>> CallsSyncedAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT account_id, calls_synced FROM aircall_accounts", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var synced = new Dictionary<string, long>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            synced[reader.GetString(0)] = reader.GetInt64(1);
        }

        return synced;
    }

    /// <summary>For a failure: the Quartz rows of every account not caught up (its triggers, fired triggers) and the workers' check-ins.</summary>
    private static async Task<string> JobsOfLaggingAccountsAsync(SamplePostgresSchema schema)
    {
        var lines = new List<string>();
        await using var connection = new NpgsqlConnection(schema.ConnectionString);
        await connection.OpenAsync();
        async Task DumpAsync(string title, string sql)
        {
            lines.Add(title + ":");
            await using var command = new NpgsqlCommand(sql, connection);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                lines.Add("  " + string.Join(" | ", values.Select((v, k) => $"{reader.GetName(k)}={v}")));
            }
        }

        const string Lagging = "SELECT account_id FROM aircall_accounts WHERE last_sync_at IS NULL";
        await DumpAsync("accounts not caught up", $"SELECT account_id, status, next_sync_at, calls_synced, last_error FROM aircall_accounts WHERE account_id IN ({Lagging})");
        await DumpAsync("their triggers", $"SELECT trigger_name, trigger_group, trigger_state, next_fire_time, prev_fire_time, start_time FROM qrtz_triggers WHERE sched_name = '{schema.Schema}' AND job_name IN ({Lagging})");
        await DumpAsync("their fired triggers", $"SELECT trigger_name, trigger_group, instance_name, state, fired_time, requests_recovery FROM qrtz_fired_triggers WHERE sched_name = '{schema.Schema}' AND job_name IN ({Lagging})");
        await DumpAsync("their jobs", $"SELECT job_name, is_nonconcurrent, requests_recovery FROM qrtz_job_details WHERE sched_name = '{schema.Schema}' AND job_name IN ({Lagging})");
        await DumpAsync("their slices", $"SELECT account_id, worker, pid, started_at, ended_at, outcome, calls, requests FROM fleet_runs WHERE account_id IN ({Lagging}) ORDER BY started_at");
        await DumpAsync("check-ins", $"SELECT instance_name, last_checkin_time, checkin_interval FROM qrtz_scheduler_state WHERE sched_name = '{schema.Schema}'");
        await DumpAsync("database now", "SELECT clock_timestamp()");
        return string.Join("\n", lines);
    }

    private static async Task<DateTime> DatabaseNowAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT clock_timestamp()", connection);
        return (DateTime)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task<Dictionary<string, List<long>>> StoredCallsAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT account_id, call_id FROM aircall_calls", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var stored = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            var account = reader.GetString(0);
            if (!stored.TryGetValue(account, out var ids))
            {
                stored[account] = ids = [];
            }

            ids.Add(reader.GetInt64(1));
        }

        return stored;
    }

    private static async Task<List<Run>> RunsAsync(string connectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT account_id, worker, pid, started_at, ended_at FROM fleet_runs", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var runs = new List<Run>();
        while (await reader.ReadAsync(ct))
        {
            runs.Add(new Run(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetDateTime(3), reader.IsDBNull(4) ? null : reader.GetDateTime(4)));
        }

        return runs;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, List<SampleProcess> workers, TimeSpan timeout, Func<Task<string>> progress, Func<Task<string>>? diagnose = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > timeout)
            {
                var diagnosis = diagnose is null ? "" : await diagnose() + "\n";
                throw new TimeoutException($"The fleet did not get there within {timeout}: {await progress()}\n{diagnosis}" + string.Join("\n", workers.Select(w => w.Output)));
            }

            if (workers.FirstOrDefault(w => w.HasExited && w != workers.ElementAtOrDefault(1)) is { } dead)
            {
                throw new InvalidOperationException("A worker exited on its own.\n" + dead.Output);
            }

            await Task.Delay(250, TestContext.Current.CancellationToken);
        }
    }

    private sealed record Run(string AccountId, string Worker, int Pid, DateTime Started, DateTime? Ended);
}
