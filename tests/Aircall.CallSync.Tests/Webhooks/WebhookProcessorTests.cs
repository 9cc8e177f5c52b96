using System.Text;
using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.Tests.Webhooks;

public sealed class WebhookProcessorTests
{
    private readonly InMemoryCallStore _store = new();

    [Fact]
    public async Task Every_captured_call_delivery_is_stored_at_its_event_timestamp()
    {
        var processor = Processor(_store);
        foreach (var file in WebhookFixtures.All().Where(f => Path.GetFileName(f).StartsWith("call-", StringComparison.Ordinal)))
        {
            var result = await processor.ProcessAsync(File.ReadAllBytes(file), CancellationToken.None);
            result.IsSuccess.Should().BeTrue(because: Path.GetFileName(file));
        }

        _store.Count.Should().Be(2);
        var outbound = _store.Find(WebhookFixtures.OutboundCallId)!;
        outbound.Version.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1646389786), "call.ended is the newest delivery of that call");
        outbound.Call.Status.Should().Be(CallStatus.Done);
        outbound.Call.Duration.Should().Be(20);
        var inbound = _store.Find(780883160)!;
        inbound.Version.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1646391469), "call.commented came after call.tagged");
        inbound.Call.Comments.Should().NotBeEmpty();
    }

    [Theory]
    [InlineData("contact-created.json", "contact.created")]
    [InlineData("user-connected.json", "user.connected")]
    public async Task Non_call_events_are_acknowledged_stored_nowhere_and_handled_by_the_consumer(string file, string eventName)
    {
        var consumer = new RecordingConsumer();
        var processor = Processor(_store, consumer: consumer);

        var result = await processor.ProcessAsync(WebhookFixtures.Read(file), CancellationToken.None);

        result.Outcome.Should().Be(WebhookOutcome.Handled);
        result.StatusCode.Should().Be(200);
        _store.Count.Should().Be(0);
        consumer.Events.Should().ContainSingle().Which.Event.Should().Be(eventName);
        consumer.Events[0].Data.GetProperty("id").GetInt64().Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task A_stale_delivery_never_overwrites_newer_state()
    {
        var processor = Processor(_store);
        await processor.ProcessAsync(WebhookFixtures.Read("call-ended-outbound-780836699.json"), CancellationToken.None);

        var late = await processor.ProcessAsync(WebhookFixtures.Read("call-created-outbound-780836699.json"), CancellationToken.None);
        var duplicate = await processor.ProcessAsync(WebhookFixtures.Read("call-ended-outbound-780836699.json"), CancellationToken.None);

        late.Outcome.Should().Be(WebhookOutcome.Stale);
        late.StatusCode.Should().Be(200, "a stale delivery is handled; Aircall must not retry it");
        duplicate.IsSuccess.Should().BeTrue();
        _store.Find(WebhookFixtures.OutboundCallId)!.Call.Status.Should().Be(CallStatus.Done);
    }

    public static TheoryData<string, string, WebhookOutcome> BadBodies() => new()
    {
        { "wrong token", Envelope("call.ended", token: "ffffffffffffffffffffffffffffffff"), WebhookOutcome.Unauthorized },
        { "no token", """{"resource":"call","event":"call.ended","timestamp":1646389786,"data":{"id":1}}""", WebhookOutcome.Unauthorized },
        { "empty token", Envelope("call.ended", token: ""), WebhookOutcome.Unauthorized },
        { "padded token", Envelope("call.ended", token: WebhookFixtures.Token + " "), WebhookOutcome.Unauthorized },
        { "truncated JSON", Envelope("call.ended")[..60], WebhookOutcome.Malformed },
        { "JSON array", "[1,2,3]", WebhookOutcome.Malformed },
        { "JSON string", "\"call.ended\"", WebhookOutcome.Malformed },
        { "not JSON", "token=58ffd2bc5f3113f7bebf210a49299a1b", WebhookOutcome.Malformed },
        { "empty body", "", WebhookOutcome.Malformed },
        { "two objects", Envelope("call.ended") + "{}", WebhookOutcome.Malformed },
        { "no event", $$$"""{"token":"{{{WebhookFixtures.Token}}}","timestamp":1,"data":{"id":1}}""", WebhookOutcome.Malformed },
        { "no data", $$"""{"token":"{{WebhookFixtures.Token}}","event":"call.ended","timestamp":1}""", WebhookOutcome.Malformed },
        { "data is a string", Envelope("call.ended", data: "\"780836699\""), WebhookOutcome.Malformed },
        { "data is not a call", Envelope("call.ended", data: """{"id":"not-a-number"}"""), WebhookOutcome.Malformed },
        { "call without id", Envelope("call.ended", data: """{"status":"done"}"""), WebhookOutcome.Malformed },
        { "no timestamp", $$$"""{"token":"{{{WebhookFixtures.Token}}}","event":"call.ended","data":{"id":5}}""", WebhookOutcome.Malformed },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task Bad_deliveries_get_their_outcome_and_store_nothing(string name, string body, WebhookOutcome expected)
    {
        var result = await Processor(_store).ProcessAsync(Encoding.UTF8.GetBytes(body), CancellationToken.None);

        result.Outcome.Should().Be(expected, because: name);
        result.IsSuccess.Should().BeFalse();
        _store.Count.Should().Be(0);
        result.Message.Should().NotContain(WebhookFixtures.Token);
    }

    [Fact]
    public async Task An_unknown_event_without_a_consumer_is_acknowledged_as_ignored_and_not_stored()
    {
        var result = await Processor(_store).ProcessAsync(Encoding.UTF8.GetBytes(Envelope("robot.arrived", data: """{"id":1}""")), CancellationToken.None);

        result.Outcome.Should().Be(WebhookOutcome.Ignored);
        _store.Count.Should().Be(0);
    }

    [Fact]
    public async Task An_unknown_call_event_is_stored_like_any_call_event()
    {
        var result = await Processor(_store).ProcessAsync(Encoding.UTF8.GetBytes(Envelope("call.teleported", data: """{"id":42,"status":"done"}""")), CancellationToken.None);

        result.Outcome.Should().Be(WebhookOutcome.Stored);
        _store.Find(42).Should().NotBeNull();
    }

    [Fact]
    public async Task A_failing_store_makes_the_delivery_fail_so_Aircall_retries()
    {
        var result = await Processor(new FailingStore()).ProcessAsync(WebhookFixtures.Read("call-ended-outbound-780836699.json"), CancellationToken.None);

        result.Outcome.Should().Be(WebhookOutcome.Failed);
        result.StatusCode.Should().BeGreaterThanOrEqualTo(500);
    }

    [Fact]
    public async Task A_store_slower_than_the_budget_fails_the_delivery_even_if_it_ignores_cancellation()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1646389800));
        var hanging = new HangingStore();
        var processor = Processor(hanging, time, TimeSpan.FromSeconds(4));

        var pending = processor.ProcessAsync(WebhookFixtures.Read("call-ended-outbound-780836699.json"), CancellationToken.None).AsTask();
        await hanging.Entered.Task;
        pending.IsCompleted.Should().BeFalse();
        time.Advance(TimeSpan.FromSeconds(4));
        var result = await pending;

        result.Outcome.Should().Be(WebhookOutcome.Failed);
        result.Message.Should().Contain("time budget");
    }

    [Fact]
    public async Task Multi_tenant_deliveries_carry_the_account_their_token_resolves_to()
    {
        var resolver = new StaticWebhookTokenResolver([new KeyValuePair<string, string?>(WebhookFixtures.Token, "customer-42")]);
        var store = new RecordingStore();
        var processor = new AircallWebhookProcessor(store, resolver);

        var result = await processor.ProcessAsync(WebhookFixtures.Read("call-ended-outbound-780836699.json"), CancellationToken.None);

        result.AccountId.Should().Be("customer-42");
        store.Writes.Should().ContainSingle().Which.AccountId.Should().Be("customer-42");
        store.Writes[0].EventName.Should().Be(AircallWebhookEvents.CallEnded);
        store.Writes[0].Source.Should().Be(CallWriteSource.Webhook);
    }

    internal static string Envelope(string eventName, string token = WebhookFixtures.Token, string data = """{"id":780836699,"status":"done"}""")
        => $$"""{"resource":"call","event":"{{eventName}}","timestamp":1646389786,"token":"{{token}}","data":{{data}}}""";

    private static AircallWebhookProcessor Processor(ICallStore store, TimeProvider? time = null, TimeSpan? budget = null, IWebhookEventConsumer? consumer = null)
        => new(
            store,
            new StaticWebhookTokenResolver([WebhookFixtures.Token]),
            Options.Create(new AircallWebhookOptions { StoreTimeout = budget ?? TimeSpan.FromSeconds(4) }),
            time,
            consumer: consumer);

    private sealed class RecordingConsumer : IWebhookEventConsumer
    {
        public List<AircallWebhookEvent> Events { get; } = [];

        public ValueTask HandleAsync(AircallWebhookEvent webhookEvent, CancellationToken cancellationToken)
        {
            Events.Add(webhookEvent);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class RecordingStore : ICallStore
    {
        public List<CallWrite> Writes { get; } = [];

        public ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken)
        {
            Writes.Add(write);
            return ValueTask.FromResult(true);
        }
    }

    private sealed class FailingStore : ICallStore
    {
        public ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken)
            => throw new InvalidOperationException("database is locked");
    }

    private sealed class HangingStore : ICallStore
    {
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken)
        {
            Entered.TrySetResult();
            await new TaskCompletionSource<bool>().Task; // never completes, ignores cancellation
            return true;
        }
    }
}
