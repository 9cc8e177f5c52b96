using System.Net;
using System.Text;
using System.Text.Json;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.IntegrationTests.Samples;

/// <summary>
/// The batch and webhook samples on PostgreSQL, chosen by a <c>Host=...</c> connection string (the EF Core store), each
/// test in a schema of its own; and a connection string naming neither provider.
/// </summary>
[Collection(SampleProcesses.Name)]
public sealed class PostgresSampleTests : IDisposable
{
    private const string WebhookToken = "postgres-sample-test-token-0001";
    private readonly SampleDatabase _directory = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _http.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public async Task The_batch_demo_syncs_every_call_into_PostgreSQL_creating_the_tables()
    {
        await using var database = await SamplePostgresSchema.CreateAsync();
        var environment = new Dictionary<string, string> { ["ConnectionStrings__Calls"] = database.ConnectionString, ["Demo__Calls"] = "1234" };

        await using var sample = SampleProcess.Start("Aircall.CallSync.Samples.Batch", _directory.Directory, environment);

        (await sample.WaitForExitAsync()).Should().Be(0, sample.Output);
        sample.Stdout.Should().Contain("PostgreSQL database").And.NotContain("aircall-test-password");
        (await database.ScalarAsync("SELECT COUNT(*) FROM aircall_calls")).Should().Be(1234, sample.Output);
        (await database.ScalarAsync("SELECT COUNT(*) FROM aircall_sync_checkpoints")).Should().Be(1);
        File.Exists(Path.Combine(_directory.Directory, "batch-demo.db")).Should().BeFalse("PostgreSQL replaces SQLite");
    }

    [Fact]
    public async Task Two_webhook_processes_on_one_database_leave_every_call_in_its_newest_state()
    {
        await using var database = await SamplePostgresSchema.CreateAsync();
        var bodies = await LifecycleBodiesAsync(calls: 25);
        var random = new Random(14);
        var deliveries = bodies.Concat(bodies.Where(_ => random.Next(2) == 0)).ToArray(); // about half of them twice
        random.Shuffle(deliveries);

        var environment = new Dictionary<string, string> { ["ConnectionStrings__Calls"] = database.ConnectionString, ["Aircall__WebhookToken"] = WebhookToken };
        Uri[] addresses = [WebhookSampleTests.FreeLoopbackAddress(), WebhookSampleTests.FreeLoopbackAddress()];
        await using var first = SampleProcess.Start("Aircall.CallSync.Samples.Webhook", _directory.Directory, environment, "--urls", addresses[0].ToString());
        await first.WaitForLineAsync(line => line.StartsWith("Listening on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        await using var second = SampleProcess.Start("Aircall.CallSync.Samples.Webhook", _directory.Directory, environment, "--urls", addresses[1].ToString());
        await second.WaitForLineAsync(line => line.StartsWith("Listening on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));

        await Parallel.ForEachAsync(deliveries.Select((body, i) => (body, i)), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (delivery, ct) =>
        {
            using var content = new StringContent(delivery.body, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync(new Uri(addresses[delivery.i % 2], "aircall/webhook"), content, ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{await response.Content.ReadAsStringAsync(ct)}\n{first.Output}\n{second.Output}");
        });

        // The newest state of each call: the status of its lifecycle's last event, at its latest timestamp.
        var expected = bodies.Select(body => JsonDocument.Parse(body).RootElement)
            .GroupBy(e => e.GetProperty("data").GetProperty("id").GetInt64())
            .ToDictionary(g => g.Key, g => (Status: g.Last().GetProperty("data").GetProperty("status").GetString(),
                Version: g.Max(e => e.GetProperty("timestamp").GetInt64()) * 1_000_000));
        var stored = await database.CallsAsync();
        stored.Should().BeEquivalentTo(expected, $"{first.Output}\n{second.Output}");
    }

    [Theory]
    [InlineData("Server=x;Foo=bar")]
    [InlineData("garbage")]
    public async Task A_connection_string_naming_neither_provider_exits_2_saying_what_is_accepted(string connectionString)
    {
        var environment = new Dictionary<string, string> { ["ConnectionStrings__Calls"] = connectionString + ";Password=not-echoed-secret" };
        foreach (var sample in new[] { "Aircall.CallSync.Samples.Batch", "Aircall.CallSync.Samples.Webhook" })
        {
            await using var process = SampleProcess.Start(sample, _directory.Directory, environment, "--urls", "http://127.0.0.1:0");

            (await process.WaitForExitAsync()).Should().Be(2, process.Output);
            process.Stderr.Should().Contain("ConnectionStrings:Calls").And.Contain("Data Source=calls.db").And.Contain("Host=127.0.0.1;Database=")
                .And.NotContain("not-echoed-secret");
        }
    }

    /// <summary>The bodies of the simulator's webhook deliveries of <paramref name="calls"/> whole call lifecycles, in order.</summary>
    private static async Task<List<string>> LifecycleBodiesAsync(int calls)
    {
        await using var simulator = new AircallSimulator(new AircallSimulatorOptions
        {
            CallCount = calls,
            RateLimit = 0,
            TimeProvider = new FakeTimeProvider(DateTimeOffset.UnixEpoch.AddSeconds(1_780_000_000)),
            WebhookDeliveryHandler = () => new AcceptingHandler(),
        });
        simulator.DefaultAccount.AddWebhook(new Uri("http://127.0.0.1:9/aircall/webhook"), WebhookToken);
        var bodies = new List<string>();
        foreach (var call in simulator.DefaultAccount.EnumerateCalls().ToList())
        {
            bodies.AddRange((await simulator.Webhooks.DeliverLifecycleAsync(call.Id, Ct)).Select(d => d.Body));
        }

        return bodies;
    }

    private sealed class AcceptingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
    }
}
