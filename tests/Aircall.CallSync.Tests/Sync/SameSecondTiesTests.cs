using System.Globalization;
using System.Net;
using System.Text;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Aircall.CallSync.Tests.TestSupport;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Sync;

/// <summary>
/// Two events of one call can carry the same timestamp and lifecycle rank but different content (tagged, then untagged
/// within a second), and arrive reversed. Versions cannot order them; the incremental batch's look-back settles the tie
/// in favour of Aircall's final state.
/// </summary>
public sealed class SameSecondTiesTests : IDisposable
{
    private const long CallId = 9001;
    private readonly MockAircall _aircall = new();
    private readonly InMemoryCallStore _store = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _aircall.Dispose();

    [Fact]
    public async Task Reversed_same_second_events_are_settled_by_the_next_incremental_batch()
    {
        var second = _aircall.Time.GetUtcNow().AddMinutes(-10).ToUnixTimeSeconds();
        var processor = new AircallWebhookProcessor(
            _store, new StaticWebhookTokenResolver([WebhookFixtures.Token]), Options.Create(new AircallWebhookOptions()), _aircall.Time);
        var checkpoints = new InMemoryCheckpointStore();
        var runner = new CallSyncRunner(_store, checkpoints, _aircall.Time);

        // A first full run happened an hour ago: the call did not exist yet.
        _aircall.Http.Expect(HttpMethod.Get, MockAircall.BaseUrl + "v1/calls").Respond(_ => Page(null));
        await runner.RunAsync(_aircall.Client(), cancellationToken: Ct);

        // In Aircall, the call was tagged and untagged within one second; the deliveries arrive in reverse order.
        (await processor.ProcessAsync(Delivery("call.untagged", second, "[]"), Ct)).Outcome.Should().Be(WebhookOutcome.Stored);
        (await processor.ProcessAsync(Delivery("call.tagged", second, """[{"id":5,"name":"VIP"}]"""), Ct)).Outcome.Should().Be(WebhookOutcome.Stored,
            "an equal version and rank cannot be ordered: the last delivery wins");
        _store.Find(CallId)!.Call.Tags.Should().ContainSingle("this is what a webhook-only application keeps until the call's next event");

        // The next incremental run re-lists the last day (LookBack) and reads Aircall's final state, versioned later.
        _aircall.Time.Advance(TimeSpan.FromMinutes(15));
        _aircall.Http.Expect(HttpMethod.Get, MockAircall.BaseUrl + "v1/calls").Respond(_ => Page("""{"id":9001,"status":"done","started_at":STARTED,"tags":[]}""".Replace("STARTED", (second - 300).ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)));
        var result = await runner.RunAsync(_aircall.Client(), cancellationToken: Ct);

        result.CallsApplied.Should().Be(1);
        _store.Find(CallId)!.Call.Tags.Should().BeEmpty("the batch's version (its Date) is later than both events");
        _aircall.Http.VerifyNoOutstandingExpectation();
    }

    private HttpResponseMessage Page(string? call)
    {
        var count = call is null ? 0 : 1;
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(
                $$$"""{"calls":[{{{call}}}],"meta":{"count":{{{count}}},"total":{{{count}}},"next_page_link":null}}""", Encoding.UTF8, "application/json"),
        };
        response.Headers.Date = _aircall.Time.GetUtcNow();
        return response;
    }

    private static byte[] Delivery(string eventName, long timestamp, string tags)
        => Encoding.UTF8.GetBytes(
            $$$"""{"resource":"call","event":"{{{eventName}}}","timestamp":{{{timestamp}}},"token":"{{{WebhookFixtures.Token}}}","data":{"id":{{{CallId}}},"status":"done","tags":{{{tags}}}}}""");
}
