using System.Diagnostics;
using System.Globalization;
using Aircall.CallSync.Sync;
using Aircall.CallSync.Testing;

namespace Aircall.CallSync.IntegrationTests.Samples;

/// <summary>
/// The batch sample killed with SIGKILL again and again against a simulator that counts arrivals strictly (its default:
/// a request over the limit within any window is answered 429), each time started again at once: the rate-limit state
/// saved in the checkpoint makes each new process wait for what the dead one spent, so no restart draws a 429.
/// </summary>
/// <remarks>
/// The proof that this test can fail: set <c>AIRCALL_TEST_DROP_RATE_LIMIT_STATE=1</c> and the test removes the rate-limit
/// state from the checkpoint after each kill (what every SDK version before it saved), and the restarts draw 429s.
/// </remarks>
[Collection(SampleProcesses.Name)]
public sealed class BatchSampleKillTests : IDisposable
{
    private const string Sample = "Aircall.CallSync.Samples.Batch";
    private const int Limit = 20;
    private const int Kills = 7;
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(8); // a restart takes a few seconds: well within it

    private readonly SampleDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Killed_7_times_and_restarted_at_once_it_stores_every_call_once_without_a_single_429()
    {
        // 6,500 calls: 130 pages at 20 requests per 8 s, about 50 s of budget over eight processes.
        await using var simulator = new AircallSimulator(new AircallSimulatorOptions { CallCount = 6_500, Seed = 16, RateLimit = Limit, RateLimitWindow = Window });
        var address = await simulator.StartKestrelAsync(TestContext.Current.CancellationToken);
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Calls"] = _database.ConnectionString,
            ["Aircall__ApiId"] = simulator.DefaultAccount.ApiId,
            ["Aircall__ApiToken"] = simulator.DefaultAccount.ApiToken,
            ["Aircall__BaseAddress"] = address.ToString(),
            ["Aircall__RateLimit__PermitLimit"] = Limit.ToString(CultureInfo.InvariantCulture),
            ["Aircall__RateLimit__Window"] = Window.ToString("c", CultureInfo.InvariantCulture),
        };
        var dropState = Environment.GetEnvironmentVariable("AIRCALL_TEST_DROP_RATE_LIMIT_STATE") == "1";
        var random = new Random(16);

        var kills = 0;
        for (var kill = 0; kill < Kills; kill++)
        {
            var before = simulator.Requests.Count;
            await using var process = SampleProcess.Start(Sample, _database.Directory, environment);
            // Killed once it has sent most of a window's budget (the first run: all of it and a few more), so the window
            // is still full when the next process starts. Every other kill comes right after a request reached Aircall
            // (the process dies before that page and its checkpoint are saved); the others a little later (usually while
            // waiting for the budget).
            if (!await WaitForRequestsAsync(simulator, process, before + random.Next(14, 19) + (kill == 0 ? Limit / 2 : 0)))
            {
                break; // it finished first (the assertions below say why)
            }

            if (kill % 2 == 1)
            {
                await Task.Delay(random.Next(0, 400), TestContext.Current.CancellationToken);
            }

            process.HasExited.Should().BeFalse($"run {kill + 1} is killed while it syncs\n{process.Output}");
            process.KillNow();
            (await process.WaitForExitAsync()).Should().Be(137, "SIGKILL");
            kills++;
            if (dropState)
            {
                DropRateLimitState();
            }
        }

        await using (var last = SampleProcess.Start(Sample, _database.Directory, environment))
        {
            (await last.WaitForExitAsync()).Should().Be(0, last.Output);
            last.Stdout.Should().Contain("(resumed)");
        }

        simulator.RateLimitedCount.Should().Be(0, "no restart spent what the killed process had already spent");
        simulator.MaxRequestsInWindow().Should().BeLessThanOrEqualTo(Limit, "Aircall counts arrivals: never more than the limit in any window");
        kills.Should().Be(Kills, "each run but the last was killed while it synced");
        _database.Count().Should().Be((6_500L, 6_500L), "every call is stored exactly once");
        _database.Ids().Should().Equal(simulator.DefaultAccount.EnumerateCalls().Select(c => c.Id).Order());
        simulator.Requests.Count(r => r.StatusCode == 200).Should().BeInRange(130, 130 + Kills, "at most the page in flight at each kill is fetched again");
    }

    /// <summary>Waits until the simulator has <paramref name="count"/> requests; <c>false</c> when the sample exited first.</summary>
    private static async Task<bool> WaitForRequestsAsync(AircallSimulator simulator, SampleProcess process, int count)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (simulator.Requests.Count >= count)
            {
                return true;
            }

            if (process.HasExited)
            {
                return false;
            }

            if (waited.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new InvalidOperationException($"The sample did not reach {count} requests .\n{process.Output}");
            }

            await Task.Delay(2, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>For the proof that the test can fail: the checkpoint as SDKs before the hand-over wrote it.</summary>
    private void DropRateLimitState()
    {
        using var connection = _database.Open();
        var rows = new List<(string Name, string Text)>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT name, checkpoint FROM sync_checkpoints";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, text) in rows)
        {
            var checkpoint = SyncCheckpoint.Decode(text)!;
            checkpoint.RateLimit = null;
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE sync_checkpoints SET checkpoint = $checkpoint WHERE name = $name";
            update.Parameters.AddWithValue("$checkpoint", checkpoint.Encode());
            update.Parameters.AddWithValue("$name", name);
            update.ExecuteNonQuery();
        }
    }
}
