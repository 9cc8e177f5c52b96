using Aircall.CallSync.Testing;

namespace Aircall.CallSync.IntegrationTests.Samples;

/// <summary>
/// samples/Aircall.CallSync.Samples.Batch run as a process, as the README tells a newcomer to: demo mode (its own
/// simulator, past the 10,000 cap) and configured mode (credentials and base address in the environment, pointing at a
/// simulator started here), checked through the SQLite file it leaves.
/// </summary>
[Collection(SampleProcesses.Name)]
public sealed class BatchSampleTests : IDisposable
{
    private const string Sample = "Aircall.CallSync.Samples.Batch";
    private readonly SampleDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Demo_mode_syncs_every_call_past_the_10000_cap_once_and_a_second_run_is_incremental()
    {
        var environment = new Dictionary<string, string> { ["ConnectionStrings__Calls"] = _database.ConnectionString };

        await using (var first = SampleProcess.Start(Sample, _database.Directory, environment))
        {
            (await first.WaitForExitAsync()).Should().Be(0, first.Output);
            first.Stdout.Should().Contain("Demo mode").And.Contain("12,345 calls").And.Contain("Summary");
        }

        _database.Count().Should().Be((12_345L, 12_345L), "every simulated call is stored exactly once");
        _database.ColumnsInconsistentWithPayload().Should().BeEmpty();
        _database.Scalar("SELECT COUNT(*) FROM calls WHERE is_missed = 1").Should().BeGreaterThan(0);
        _database.Scalar("SELECT COUNT(*) FROM calls WHERE in_call_duration > 0").Should().BeGreaterThan(0);
        _database.Scalar("SELECT COUNT(*) FROM sync_checkpoints").Should().Be(1);

        await using var second = SampleProcess.Start(Sample, _database.Directory, environment);
        (await second.WaitForExitAsync()).Should().Be(0, second.Output);
        second.Stdout.Should().Contain("checkpoint from an earlier run").And.Contain("(incremental)");
        _database.Count().Should().Be((12_345L, 12_345L));
    }

    [Fact]
    public async Task Configured_mode_syncs_the_account_then_only_what_is_new()
    {
        await using var simulator = new AircallSimulator(new AircallSimulatorOptions { CallCount = 1_234, Seed = 5, RateLimit = 60, RateLimitWindow = TimeSpan.FromSeconds(1) });
        var environment = Configured(await simulator.StartKestrelAsync(TestContext.Current.CancellationToken), simulator.DefaultAccount.ApiToken);

        await using (var first = SampleProcess.Start(Sample, _database.Directory, environment))
        {
            (await first.WaitForExitAsync()).Should().Be(0, first.Output);
            first.Stdout.Should().NotContain("Demo mode");
        }

        _database.Ids().Should().Equal(simulator.DefaultAccount.EnumerateCalls().Select(c => c.Id).Order());
        _database.ColumnsInconsistentWithPayload().Should().BeEmpty();

        var added = simulator.DefaultAccount.AddCalls(7);
        simulator.ClearRequests();
        await using (var second = SampleProcess.Start(Sample, _database.Directory, environment))
        {
            (await second.WaitForExitAsync()).Should().Be(0, second.Output);
        }

        _database.Count().Should().Be((1_241L, 1_241L));
        _database.Ids().Should().Contain(added);
        simulator.Requests.Count.Should().BeLessThan(1_234 / 50, "the second run reads only the last day again, not every page");
    }

    [Fact]
    public async Task Ctrl_C_stops_with_130_keeping_the_stored_pages_and_the_next_run_resumes()
    {
        // 3,000 calls at 5 requests a second: 60 pages, about 12 seconds; interrupted after a few pages.
        await using var simulator = new AircallSimulator(new AircallSimulatorOptions { CallCount = 3_000, Seed = 9, RateLimit = 5, RateLimitWindow = TimeSpan.FromSeconds(1) });
        var address = await simulator.StartKestrelAsync(TestContext.Current.CancellationToken);
        var environment = Configured(address, simulator.DefaultAccount.ApiToken, permitLimit: 5);

        await using (var interrupted = SampleProcess.Start(Sample, _database.Directory, environment))
        {
            await interrupted.WaitForLineAsync(line => line.StartsWith("progress:", StringComparison.Ordinal));
            interrupted.Interrupt();
            (await interrupted.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(130, interrupted.Output);
            interrupted.Stderr.Should().Contain("run the same command again to resume");
        }

        var (stored, _) = _database.Count();
        stored.Should().BeInRange(50, 2_950, "it stopped part-way, after whole pages");
        (stored % 50).Should().Be(0, "pages are stored whole");

        simulator.ClearRequests();
        await using (var resumed = SampleProcess.Start(Sample, _database.Directory, Configured(address, simulator.DefaultAccount.ApiToken, permitLimit: 5)))
        {
            (await resumed.WaitForExitAsync()).Should().Be(0, resumed.Output);
            resumed.Stdout.Should().Contain("(resumed)");
        }

        _database.Count().Should().Be((3_000L, 3_000L));
        var storedPages = (int)(stored / 50);
        simulator.Requests.Count(r => r.StatusCode == 200).Should().BeInRange(60 - storedPages, 61 - storedPages,
            "the resumed run fetches only the pages not stored yet (one more if the stop fell between a page and its checkpoint)");
    }

    [Fact]
    public async Task Rejected_credentials_fail_with_one_clear_line_and_exit_code_1()
    {
        await using var simulator = new AircallSimulator(new AircallSimulatorOptions { CallCount = 10 });
        var environment = Configured(await simulator.StartKestrelAsync(TestContext.Current.CancellationToken), "not-the-token");

        await using var sample = SampleProcess.Start(Sample, _database.Directory, environment);

        (await sample.WaitForExitAsync()).Should().Be(1, sample.Output);
        sample.Stderr.Trim().Should().StartWith("error: Aircall rejected the credentials (403)").And.NotContain("\n").And.NotContain("not-the-token");
    }

    [Fact]
    public async Task An_unreachable_base_address_fails_with_one_line_naming_the_setting_and_exit_code_1()
    {
        var address = WebhookSampleTests.FreeLoopbackAddress(); // nothing listens there: connecting is refused
        var environment = Configured(address, "the-api-token-0123");
        environment["Aircall__Resilience__MaxRetryAttempts"] = "1";
        environment["Aircall__Resilience__BaseDelay"] = "00:00:00.010";

        await using var sample = SampleProcess.Start(Sample, _database.Directory, environment);

        (await sample.WaitForExitAsync()).Should().Be(1, sample.Output);
        sample.Stderr.Trim().Should().StartWith($"error: Could not reach Aircall at {address} (Aircall:BaseAddress)")
            .And.Contain("after 2 attempts").And.NotContain("\n").And.NotContain("the-api-token-0123");
    }

    [Fact]
    public async Task A_locked_database_fails_with_one_clear_line()
    {
        await using var simulator = new AircallSimulator(new AircallSimulatorOptions { CallCount = 120, RateLimit = 0 });
        var environment = Configured(await simulator.StartKestrelAsync(TestContext.Current.CancellationToken), simulator.DefaultAccount.ApiToken);
        environment["ConnectionStrings__Calls"] = _database.ConnectionString + ";Default Timeout=1";
        using (var store = new Aircall.CallSync.Samples.Storage.SqliteCallStore(_database.ConnectionString))
        {
            await (await store.OpenAsync(TestContext.Current.CancellationToken)).DisposeAsync(); // creates the schema
        }

        using var holder = _database.Open();
        using (var begin = holder.CreateCommand())
        {
            begin.CommandText = "BEGIN IMMEDIATE; INSERT INTO sync_checkpoints (name, checkpoint, saved_at) VALUES ('another-writer', 'x', 0);";
            begin.ExecuteNonQuery();
        }

        await using var sample = SampleProcess.Start(Sample, _database.Directory, environment);

        (await sample.WaitForExitAsync()).Should().Be(1, sample.Output);
        sample.Stderr.Trim().Should().Contain("is locked by another process").And.NotContain("\n");
    }

    private Dictionary<string, string> Configured(Uri simulator, string apiToken, int permitLimit = 60) => new()
    {
        ["ConnectionStrings__Calls"] = _database.ConnectionString,
        ["Aircall__ApiId"] = "sim-api-id",
        ["Aircall__ApiToken"] = apiToken,
        ["Aircall__BaseAddress"] = simulator.ToString(),
        ["Aircall__RateLimit__PermitLimit"] = permitLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Aircall__RateLimit__Window"] = "00:00:01",
    };
}
