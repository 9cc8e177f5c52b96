using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Aircall.CallSync.Testing;
using Aircall.CallSync.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.BadConditions;

/// <summary>
/// PostgreSQL goes away in the middle of the work and comes back (a <see cref="TcpProxy"/> between the SDK and the
/// server resets every connection, then refuses new ones): the webhook processor answers 503 and the retried delivery
/// is stored; batch sync stops with one <see cref="CallStoreException"/> and the next run resumes from its checkpoint.
/// Nothing is lost.
/// </summary>
public sealed class DatabaseOutageTests : DatabaseTests
{
    private const string Token = "58ffd2bc5f3113f7bebf210a49299a1b"; // the token of the captured deliveries

    private TcpProxy? _proxy;

    public DatabaseOutageTests()
        : base(TestProvider.PostgreSql)
    {
    }

    [Fact]
    public async Task Webhook_deliveries_get_503_while_the_database_is_down_and_are_stored_when_Aircall_retries()
    {
        var contexts = Proxied();
        var processor = new AircallWebhookProcessor(new EntityFrameworkCoreCallStore<CallsContext>(contexts), new StaticWebhookTokenResolver([Token]));
        (await processor.ProcessAsync(Delivery("call-created-outbound-780836699.json"), Ct)).Outcome.Should().Be(WebhookOutcome.Stored);

        _proxy!.Cut();
        var refused = await processor.ProcessAsync(Delivery("call-ended-outbound-780836699.json"), Ct);
        refused.Outcome.Should().Be(WebhookOutcome.Failed);
        refused.StatusCode.Should().Be(503, "Aircall retries a delivery that was not answered 2xx");

        _proxy.Restore();
        var retried = await processor.ProcessAsync(Delivery("call-ended-outbound-780836699.json"), Ct);
        retried.Outcome.Should().Be(WebhookOutcome.Stored);
        var stored = await Database.CallStore().FindAsync(null, 780836699, Ct);
        stored!.Call.Status!.Value.Value.Should().Be("done");
    }

    [Fact]
    public async Task Batch_sync_stops_with_one_clear_error_and_the_next_run_resumes_from_its_checkpoint()
    {
        await using var simulator = new AircallSimulator(new AircallSimulatorOptions { CallCount = 230, RateLimit = 100_000 });
        var services = new ServiceCollection();
        var builder = services.AddAircallCallSync(o =>
        {
            o.ApiId = simulator.DefaultAccount.ApiId;
            o.ApiToken = simulator.DefaultAccount.ApiToken;
            o.BaseAddress = simulator.BaseAddress;
            o.RateLimit.PermitLimit = 100_000;
        });
        builder.HttpClient.ConfigurePrimaryHttpMessageHandler(simulator.CreateHandler);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<AircallClient>();
        var contexts = Proxied();
        var runner = new CallSyncRunner(new EntityFrameworkCoreCallStore<CallsContext>(contexts), new EntityFrameworkCoreCheckpointStore<CallsContext>(contexts));

        // The database goes away once two pages of 50 are stored and checkpointed.
        var cutAfterTwoPages = new Progress(p =>
        {
            if (p.Pages == 2)
            {
                _proxy!.Cut();
            }
        });
        var stopped = await runner.Invoking(r => r.RunAsync(client, progress: cutAfterTwoPages, cancellationToken: Ct)).Should().ThrowAsync<CallStoreException>();
        stopped.Which.Message.Should().Contain($"PostgreSQL database '{new NpgsqlConnectionStringBuilder(Database.ConnectionString).Database}' on 127.0.0.1:{_proxy!.Port}");

        _proxy.Restore();
        var resumed = await runner.RunAsync(client, cancellationToken: Ct);

        resumed.Resumed.Should().BeTrue();
        resumed.CallsWritten.Should().Be(130, "the run starts after the two checkpointed pages");
        await using var context = Database.CreateDbContext();
        (await context.Set<AircallCall>().Select(c => c.CallId).OrderBy(id => id).ToListAsync(Ct))
            .Should().Equal(simulator.DefaultAccount.EnumerateCalls().Select(c => c.Id).Order(), "every call is stored once");
    }

    protected override async ValueTask DisposeMoreAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }
    }

    /// <summary>Contexts on the test database through a proxy the test can cut.</summary>
    private IDbContextFactory<CallsContext> Proxied()
    {
        var server = new NpgsqlConnectionStringBuilder(Database.ConnectionString);
        _proxy = TcpProxy.To(server.Port);
        return Database.Connect(new NpgsqlConnectionStringBuilder(server.ConnectionString) { Port = _proxy.Port, Timeout = 5 }.ConnectionString);
    }

    private static ReadOnlyMemory<byte> Delivery(string file) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "fixtures", "webhooks", file));

    /// <summary>Reports synchronously, between pages.</summary>
    private sealed class Progress(Action<CallSyncProgress> report) : IProgress<CallSyncProgress>
    {
        public void Report(CallSyncProgress value) => report(value);
    }
}
