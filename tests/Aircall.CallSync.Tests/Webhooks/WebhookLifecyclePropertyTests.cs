using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Webhooks;
using CsCheck;

namespace Aircall.CallSync.Tests.Webhooks;

public sealed class WebhookLifecyclePropertyTests
{
    private static readonly byte[][] Lifecycle = [.. WebhookFixtures.OutboundLifecycle.Select(WebhookFixtures.Read)];

    [Fact]
    public void Any_order_with_any_duplicates_leaves_the_newest_state()
    {
        // A delivery sequence: every lifecycle event at least once, some repeated, in any order.
        var deliveries = Gen.Int[0, Lifecycle.Length - 1].Array[0, 12]
            .Select(extra => Enumerable.Range(0, Lifecycle.Length).Concat(extra).ToArray())
            .SelectMany(indices => Gen.Shuffle(indices));

        deliveries.Sample(order =>
        {
            var store = new InMemoryCallStore();
            var processor = new AircallWebhookProcessor(store, new StaticWebhookTokenResolver([WebhookFixtures.Token]));
            foreach (var index in order)
            {
                var result = processor.ProcessAsync(Lifecycle[index], CancellationToken.None).AsTask().GetAwaiter().GetResult();
                if (!result.IsSuccess)
                {
                    return false;
                }
            }

            var stored = store.Find(WebhookFixtures.OutboundCallId);
            return stored is not null
                   && stored.Version == DateTimeOffset.FromUnixTimeSeconds(1646389786)
                   && stored.Call.Status == CallStatus.Done
                   && stored.Call.Duration == 20;
        }, iter: 300);
    }
}
