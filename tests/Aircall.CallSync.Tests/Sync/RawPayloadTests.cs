using System.Text;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Aircall.CallSync.Tests.TestSupport;
using Aircall.CallSync.Webhooks;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Sync;

/// <summary>The JSON Aircall sent travels with every write, byte for byte, whatever the model keeps of it.</summary>
public sealed class RawPayloadTests : IDisposable
{
    private readonly MockAircall _aircall = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _aircall.Dispose();

    [Fact]
    public async Task Each_call_of_a_page_keeps_its_own_bytes_and_the_sync_writes_them()
    {
        // Spacing, a 2.50, an escape, fields the model lacks, odd types: a re-serialization would change each of them.
        string[] calls =
        [
            """{"id": 1,  "status":"done", "started_at": 1700000001, "future": {"a": [1, 2.50]}}""",
            """{ "id":2,"status":"done","started_at":1700000002,"raw_digits":"+33 1 \u00e9","archived":"false" }""",
            """{"id":3,"status":"done","started_at":1700000003,"teams":{},"contact":12345}""",
        ];
        var body = "{\"meta\":{\"count\":3,\"total\":3,\"next_page_link\":null}, \"calls\":[" + string.Join(",\n  ", calls) + "]}";
        _aircall.Http.When(HttpMethod.Get, MockAircall.BaseUrl + "v1/calls").Respond("application/json", body);
        var store = new InMemoryCallStore();

        await new CallSyncRunner(store).RunAsync(_aircall.Client(), cancellationToken: Ct);

        for (var i = 0; i < calls.Length; i++)
        {
            var stored = store.Find(i + 1)!;
            Encoding.UTF8.GetString(stored.Payload.Span).Should().Be(calls[i]);
            stored.Call.RawJson.ToArray().Should().Equal(stored.Payload.ToArray());
        }

        store.Find(3)!.Call.Contact!.Id.Should().Be(12345, "the typed call is still read tolerantly");
    }

    [Fact]
    public async Task A_webhook_writes_the_deliverys_data_as_it_came()
    {
        const string data = """{"id":780836699,  "status":"done","started_at":1646389735,"x_unknown":{"nested":[1,2,3]},"cost":"0.0"}""";
        var store = new InMemoryCallStore();
        var processor = new AircallWebhookProcessor(store, new StaticWebhookTokenResolver([WebhookFixtures.Token]));
        var body = Encoding.UTF8.GetBytes($$"""{"resource":"call","event":"call.ended","timestamp":1646389786,"token":"{{WebhookFixtures.Token}}","data":{{data}}}""");

        (await processor.ProcessAsync(body, Ct)).Outcome.Should().Be(WebhookOutcome.Stored);
        Array.Clear(body); // the host may reuse its buffer once the delivery is answered

        Encoding.UTF8.GetString(store.Find(780836699)!.Payload.Span).Should().Be(data);
    }

    [Fact]
    public void A_write_of_a_call_built_in_code_carries_its_serialization()
    {
        var write = new CallWrite(new Aircall.CallSync.Models.Call { Id = 5, Status = Aircall.CallSync.Models.CallStatus.Done }, DateTimeOffset.UnixEpoch, CallWriteSource.Batch);

        Encoding.UTF8.GetString(write.Payload.Span).Should().Be("""{"id":5,"status":"done"}""");
    }
}
