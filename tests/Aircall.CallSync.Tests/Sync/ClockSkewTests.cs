using System.Net;
using System.Text;
using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Aircall.CallSync.Tests.TestSupport;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Sync;

/// <summary>
/// Versions come from Aircall's clock (a response's <c>Date</c>, an envelope's <c>timestamp</c>): a clock far off must
/// neither pin a stored row (every later snapshot Stale) nor make the batch unable to fix a stale row.
/// </summary>
public sealed class ClockSkewTests : IDisposable
{
    private const string Calls = MockAircall.BaseUrl + "v1/calls";
    private const long CallId = 4242;
    private readonly MockAircall _aircall = new();
    private readonly InMemoryCallStore _store = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private DateTimeOffset Now => _aircall.Time.GetUtcNow();

    public void Dispose() => _aircall.Dispose();

    [Fact]
    public async Task A_Date_header_ten_years_ahead_does_not_pin_the_row_against_later_webhooks()
    {
        RespondWithDate(Now.AddYears(10), "answered");
        using var untrusted = new MetricTags("aircall.callsync.versions.untrusted", "source");

        await new CallSyncRunner(_store).RunAsync(_aircall.Client(), cancellationToken: Ct);

        _store.Find(CallId)!.Version.Should().Be(Now, "a Date outside the tolerated skew gives way to the local clock");
        untrusted.Count("batch").Should().Be(1);
        _aircall.Logs.Entries.Should().Contain(m => m.Contains("Aircall:MaxClockSkew", StringComparison.Ordinal));

        _aircall.Time.Advance(TimeSpan.FromMinutes(1));
        var ended = await Processor().ProcessAsync(Delivery(Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "done"), Ct);

        ended.Outcome.Should().Be(WebhookOutcome.Stored, "the call ended after the batch saw it answered");
        _store.Find(CallId)!.Call.Status.Should().Be(CallStatus.Done);
    }

    [Fact]
    public async Task A_Date_header_25_years_behind_still_lets_the_batch_fix_a_stale_row()
    {
        // A webhook an hour ago left the call answered; the call has ended since and the batch lists it done.
        await Processor().ProcessAsync(Delivery(Now.AddHours(-1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "answered"), Ct);
        RespondWithDate(Now.AddYears(-25), "done");

        var result = await new CallSyncRunner(_store).RunAsync(_aircall.Client(), cancellationToken: Ct);

        result.CallsApplied.Should().Be(1);
        _store.Find(CallId)!.Call.Status.Should().Be(CallStatus.Done);
        _store.Find(CallId)!.Version.Should().Be(Now);
    }

    [Theory]
    [InlineData(-4)]
    [InlineData(4)]
    public async Task A_Date_header_within_the_tolerated_skew_versions_the_page(int minutes)
    {
        var date = Now.AddMinutes(minutes);
        RespondWithDate(date, "done");

        await foreach (var page in _aircall.Client().GetCallsAsync().AsPages(cancellationToken: Ct))
        {
            page.Version.Should().Be(date, "Aircall's clock is the one webhook timestamps come from");
        }
    }

    [Fact]
    public async Task The_tolerated_skew_is_configurable()
    {
        using var aircall = new MockAircall(options => options.MaxClockSkew = TimeSpan.FromHours(2));
        var date = aircall.Time.GetUtcNow().AddHours(1);
        aircall.Http.When(HttpMethod.Get, Calls).Respond(_ => PageResponse(date, "done"));

        await foreach (var page in aircall.Client().GetCallsAsync().AsPages(cancellationToken: Ct))
        {
            page.Version.Should().Be(date);
        }
    }

    [Theory]
    [InlineData("99999999999")] // year 5138
    [InlineData("\"9999-12-31T23:59:59Z\"")]
    [InlineData("253402300799999")] // the last millisecond of 9999
    public async Task A_webhook_timestamp_far_ahead_is_stored_at_its_receipt_time_and_does_not_pin_the_row(string timestamp)
    {
        using var untrusted = new MetricTags("aircall.callsync.versions.untrusted", "source");
        var processor = Processor();

        var first = await processor.ProcessAsync(Delivery(timestamp, "answered"), Ct);

        first.Outcome.Should().Be(WebhookOutcome.Stored, "the event is real data; only its clock is not trusted");
        first.Message.Should().Contain("receipt time");
        _store.Find(CallId)!.Version.Should().Be(Now);
        untrusted.Count("webhook").Should().Be(1);

        _aircall.Time.Advance(TimeSpan.FromSeconds(30));
        var next = await processor.ProcessAsync(Delivery(Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), "done"), Ct);

        next.Outcome.Should().Be(WebhookOutcome.Stored);
        _store.Find(CallId)!.Call.Status.Should().Be(CallStatus.Done);
    }

    [Theory]
    [InlineData(4 * 60)] // ahead, within the default 5-minute skew
    [InlineData(-6 * 3600)] // a retry hours later
    [InlineData(-25L * 365 * 24 * 3600)] // far behind: it can only lose to newer state
    public async Task A_webhook_timestamp_within_the_skew_or_in_the_past_versions_the_event_as_sent(long offsetSeconds)
    {
        var timestamp = Now.ToUnixTimeSeconds() + offsetSeconds;

        var result = await Processor().ProcessAsync(Delivery(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), "done"), Ct);

        result.Outcome.Should().Be(WebhookOutcome.Stored);
        result.Message.Should().Be("Stored.");
        _store.Find(CallId)!.Version.Should().Be(DateTimeOffset.FromUnixTimeSeconds(timestamp));
    }

    [Fact]
    public async Task The_webhook_skew_is_configurable()
    {
        var timestamp = Now.AddMinutes(30).ToUnixTimeSeconds();

        await Processor(TimeSpan.FromHours(1)).ProcessAsync(Delivery(timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture), "done"), Ct);

        _store.Find(CallId)!.Version.Should().Be(DateTimeOffset.FromUnixTimeSeconds(timestamp));
    }

    private void RespondWithDate(DateTimeOffset date, string status)
        => _aircall.Http.When(HttpMethod.Get, Calls).Respond(_ => PageResponse(date, status));

    private HttpResponseMessage PageResponse(DateTimeOffset date, string status)
    {
        var started = Now.AddHours(-2).ToUnixTimeSeconds();
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent(
                $$$"""{"calls":[{"id":{{{CallId}}},"started_at":{{{started}}},"status":"{{{status}}}"}],"meta":{"count":1,"total":1,"next_page_link":null}}""",
                Encoding.UTF8,
                "application/json"),
        };
        response.Headers.Date = date;
        return response;
    }

    private AircallWebhookProcessor Processor(TimeSpan? maxSkew = null)
        => new(
            _store,
            new StaticWebhookTokenResolver([WebhookFixtures.Token]),
            Options.Create(new AircallWebhookOptions { MaxClockSkew = maxSkew ?? TimeSpan.FromMinutes(5) }),
            _aircall.Time);

    private static byte[] Delivery(string timestamp, string status)
        => Encoding.UTF8.GetBytes(
            $$$"""{"resource":"call","event":"call.tagged","timestamp":{{{timestamp}}},"token":"{{{WebhookFixtures.Token}}}","data":{"id":{{{CallId}}},"status":"{{{status}}}"}}""");
}
