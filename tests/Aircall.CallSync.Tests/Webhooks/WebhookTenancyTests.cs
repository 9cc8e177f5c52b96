using System.Text;
using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Webhooks;

namespace Aircall.CallSync.Tests.Webhooks;

/// <summary>
/// Several accounts' webhooks into one store: a delivery authenticated with account A's token only ever writes A's rows,
/// whatever call id it names (Aircall call ids are sequential, so another tenant's ids are easy to guess).
/// </summary>
public sealed class WebhookTenancyTests
{
    private const string TokenOfA = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    private readonly InMemoryCallStore _store = new();

    [Fact]
    public async Task A_delivery_with_account_As_token_naming_Bs_call_never_changes_Bs_row()
    {
        var processor = Processor();
        var real = await processor.ProcessAsync(WebhookFixtures.Read("call-ended-outbound-780836699.json"), CancellationToken.None);
        real.Outcome.Should().Be(WebhookOutcome.Stored);
        real.AccountId.Should().Be("account-b");

        // A forged delivery: A's (valid) token, B's call id, a newer timestamp and other data.
        var forged = Encoding.UTF8.GetBytes(WebhookProcessorTests.Envelope("call.ended", token: TokenOfA, data: """{"id":780836699,"status":"done","duration":1,"raw_digits":"+1 555 0100"}""")
            .Replace("1646389786", "1900000000", StringComparison.Ordinal));
        var result = await processor.ProcessAsync(forged, CancellationToken.None);

        result.Outcome.Should().Be(WebhookOutcome.Stored, "A may store a call under its own account");
        result.AccountId.Should().Be("account-a");
        _store.Count.Should().Be(2, "the same call id under two accounts is two calls");
        var ofB = _store.Calls.Where(c => c.Call.Duration == 20).Should().ContainSingle("B's row still holds B's snapshot").Subject;
        ofB.Version.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1646389786));
        ofB.Call.RawDigits.Should().NotBe("+1 555 0100");
        ofB.AccountId.Should().Be("account-b");
        _store.Find("account-b", WebhookFixtures.OutboundCallId).Should().Be(ofB);
        _store.Find("account-a", WebhookFixtures.OutboundCallId)!.Call.Duration.Should().Be(1);
        _store.Find(WebhookFixtures.OutboundCallId).Should().BeNull("no call was written without an account");
    }

    [Fact]
    public async Task Bs_newer_state_does_not_make_As_older_delivery_stale()
    {
        var processor = Processor();
        await processor.ProcessAsync(WebhookFixtures.Read("call-ended-outbound-780836699.json"), CancellationToken.None);

        var ofA = Encoding.UTF8.GetBytes(WebhookProcessorTests.Envelope("call.created", token: TokenOfA, data: """{"id":780836699,"status":"initial"}""")
            .Replace("1646389786", "1600000000", StringComparison.Ordinal));
        var result = await processor.ProcessAsync(ofA, CancellationToken.None);

        result.Outcome.Should().Be(WebhookOutcome.Stored, "versions are compared within one account only");
        _store.Calls.Should().ContainSingle(c => c.Call.Status == CallStatus.Initial);
        _store.Calls.Should().ContainSingle(c => c.Call.Status == CallStatus.Done);
    }

    private AircallWebhookProcessor Processor()
        => new(_store, new StaticWebhookTokenResolver(
        [
            new KeyValuePair<string, string?>(TokenOfA, "account-a"),
            new KeyValuePair<string, string?>(WebhookFixtures.Token, "account-b"),
        ]));
}
