using System.Diagnostics;
using System.Text;
using Aircall.CallSync.Diagnostics;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Tests.TestSupport;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Tests.Webhooks;

/// <summary>Webhook tokens (ours and the wrong ones people send) never reach logs, spans or results.</summary>
public sealed class WebhookSecrecyTests
{
    private const string WrongToken = "wrong-token-SECRET-0b9f1c2d3e4f5a6b";

    [Fact]
    public async Task No_token_reaches_a_log_line_a_span_tag_or_a_result_message()
    {
        using var logs = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var tags = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == AircallDiagnostics.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                lock (tags)
                {
                    tags.AddRange(activity.TagObjects.Select(t => $"{t.Key}={t.Value}"));
                    tags.Add(activity.DisplayName + " " + activity.StatusDescription);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var processor = new AircallWebhookProcessor(
            new FailingOnSecondStore(),
            new StaticWebhookTokenResolver([WebhookFixtures.Token]),
            Options.Create(new AircallWebhookOptions()),
            logger: factory.CreateLogger<AircallWebhookProcessor>());

        var results = new List<WebhookProcessingResult>();
        foreach (var body in new[]
        {
            WebhookProcessorTests.Envelope("call.created"),                          // stored
            WebhookProcessorTests.Envelope("call.ended"),                            // the store fails
            WebhookProcessorTests.Envelope("call.ended", token: WrongToken),         // unauthorized
            WebhookProcessorTests.Envelope("call.ended", token: " " + WebhookFixtures.Token),
            WebhookProcessorTests.Envelope("call.ended")[..70],                      // truncated, token included
            WebhookProcessorTests.Envelope("contact.created"),
        })
        {
            results.Add(await processor.ProcessAsync(Encoding.UTF8.GetBytes(body), TestContext.Current.CancellationToken));
        }

        results.Select(r => r.Outcome).Should().Contain([WebhookOutcome.Stored, WebhookOutcome.Failed, WebhookOutcome.Unauthorized, WebhookOutcome.Malformed]);
        logs.Entries.Should().NotBeEmpty();
        string[] spans;
        lock (tags)
        {
            spans = [.. tags]; // the listener hears every test's activities, and may be adding to the list right now
        }

        var everything = string.Join('\n', logs.Entries.Concat(spans).Concat(results.Select(r => r.Message + r.ToString())));
        everything.Should().NotContain(WebhookFixtures.Token).And.NotContain(WrongToken).And.NotContain(WebhookFixtures.Token[..12]);
    }

    private sealed class FailingOnSecondStore : ICallStore
    {
        private int _writes;

        public ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken)
            => ++_writes == 2 ? throw new InvalidOperationException("disk full") : ValueTask.FromResult(true);
    }
}
