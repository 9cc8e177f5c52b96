using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Aircall.CallSync.Tests.TestSupport;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Sync;

/// <summary>User code receives calls after the store has them, from webhooks and from batch pages.</summary>
public sealed class CallWriteObserverTests : IDisposable
{
    private readonly MockAircall _aircall = new();
    private readonly InMemoryCallStore _store = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _aircall.Dispose();

    [Fact]
    public async Task Webhook_writes_the_store_applied_reach_every_observer_in_order_after_the_store_has_them()
    {
        var seen = new List<string>();
        var first = new Observer(writes =>
        {
            _store.Find("tenant-7", writes[0].CallId).Should().NotBeNull("observers run after the store write");
            seen.Add("first:" + writes[0].EventName);
        });
        var second = new Observer(writes => seen.Add("second:" + writes[0].EventName + ":" + writes[0].AccountId));
        var processor = Processor(first, second);

        (await processor.ProcessAsync(WebhookFixtures.Read("call-ended-outbound-780836699.json"), Ct)).Outcome.Should().Be(WebhookOutcome.Stored);
        (await processor.ProcessAsync(WebhookFixtures.Read("call-created-outbound-780836699.json"), Ct)).Outcome.Should().Be(WebhookOutcome.Stale);

        seen.Should().Equal("first:call.ended", "second:call.ended:tenant-7");
        first.Writes.Single().Source.Should().Be(CallWriteSource.Webhook);
        first.Writes.Single().Call.Id.Should().Be(WebhookFixtures.OutboundCallId);
    }

    [Fact]
    public async Task A_failing_observer_answers_503_so_Aircall_retries_and_the_redelivery_notifies_again()
    {
        var failures = 1;
        var observer = new Observer(_ =>
        {
            if (failures-- > 0)
            {
                throw new InvalidOperationException("queue down");
            }
        });
        var processor = Processor(observer);
        var body = WebhookFixtures.Read("call-ended-outbound-780836699.json");

        var failed = await processor.ProcessAsync(body, Ct);
        failed.Outcome.Should().Be(WebhookOutcome.Failed);
        failed.StatusCode.Should().Be(503);
        _store.Find("tenant-7", WebhookFixtures.OutboundCallId).Should().NotBeNull("the call is stored before any observer runs: nothing is lost");

        var retried = await processor.ProcessAsync(body, Ct);
        retried.Outcome.Should().Be(WebhookOutcome.Stored);
        observer.Writes.Should().HaveCount(2);
    }

    [Fact]
    public async Task Batch_pages_reach_observers_before_the_checkpoint_moves_past_them()
    {
        var body = "{\"meta\":{\"count\":2,\"total\":2,\"next_page_link\":null},\"calls\":[{\"id\":1,\"status\":\"done\",\"started_at\":1700000001},{\"id\":2,\"status\":\"done\",\"started_at\":1700000002}]}";
        _aircall.Http.When(HttpMethod.Get, MockAircall.BaseUrl + "v1/calls").Respond("application/json", body);
        var checkpoints = new InMemoryCheckpointStore();
        var failing = new Observer(_ => throw new InvalidOperationException("queue down"));
        var client = _aircall.Client();

        var run = async () => await new CallSyncRunner(_store, checkpoints, observers: [failing]).RunAsync(client, new CallSyncOptions { AccountId = "tenant-7" }, cancellationToken: Ct);

        await run.Should().ThrowAsync<InvalidOperationException>();
        _store.Find("tenant-7", 1).Should().NotBeNull();

        // The page was not observed, so its checkpoint never moved past it: the next run reads it again.
        var observer = new Observer(_ => { });
        var second = await new CallSyncRunner(_store, checkpoints, observers: [observer]).RunAsync(client, new CallSyncOptions { AccountId = "tenant-7" }, cancellationToken: Ct);
        second.CallsWritten.Should().Be(2);
        observer.Writes.Select(w => (w.CallId, w.AccountId, w.Source)).Should().Equal((1L, "tenant-7", CallWriteSource.Batch), (2L, "tenant-7", CallWriteSource.Batch));
        (await checkpoints.GetAsync(CallSyncRunner.DefaultCheckpointKey(client, CallQuery.All), Ct)).Should().NotBeNull();
    }

    [Fact]
    public async Task The_runner_of_installed_accounts_and_fleet_sync_tells_the_registered_observers_too()
    {
        // AddAccountCredentials (called by AddPartnerAccounts and AddFleetSync) registers the CallSyncRunner their
        // backfills use: a recording archiver registered as an observer must see those pages, as it sees batch sync's.
        var body = "{\"meta\":{\"count\":1,\"total\":1,\"next_page_link\":null},\"calls\":[{\"id\":5,\"status\":\"done\",\"started_at\":1700000005}]}";
        _aircall.Http.When(HttpMethod.Get, MockAircall.BaseUrl + "v1/calls").Respond("application/json", body);
        var observer = new Observer(_ => { });
        var services = new ServiceCollection();
        services.AddSingleton<ICallStore>(_store);
        services.AddSingleton<ICallWriteObserver>(observer);
        services.AddAircallCallSync(o => { }).AddAccountCredentials();
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<CallSyncRunner>().RunAsync(_aircall.Client(), new CallSyncOptions { AccountId = "tenant-9" }, cancellationToken: Ct);

        observer.Writes.Select(w => (w.CallId, w.AccountId, w.Source)).Should().Equal((5L, "tenant-9", CallWriteSource.Batch));
    }

    private AircallWebhookProcessor Processor(params ICallWriteObserver[] observers)
        => new(
            _store,
            new StaticWebhookTokenResolver(new Dictionary<string, string?> { [WebhookFixtures.Token] = "tenant-7" }),
            Options.Create(new AircallWebhookOptions()),
            observers: observers);

    private sealed class Observer(Action<IReadOnlyList<CallWrite>> action) : ICallWriteObserver
    {
        public List<CallWrite> Writes { get; } = [];

        public ValueTask OnCallsWrittenAsync(IReadOnlyList<CallWrite> writes, CancellationToken cancellationToken)
        {
            Writes.AddRange(writes);
            action(writes);
            return ValueTask.CompletedTask;
        }
    }
}
