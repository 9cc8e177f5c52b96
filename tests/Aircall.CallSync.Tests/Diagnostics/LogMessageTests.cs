using System.Globalization;
using System.Text.RegularExpressions;
using Aircall.CallSync.Diagnostics;
using Aircall.CallSync.Tests.TestSupport;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.Logging;

namespace Aircall.CallSync.Tests.Diagnostics;

/// <summary>
/// Every log message reads well whatever its values: a missing value is a phrase, never "(null)"; counts of 1 and 2 are
/// grammatical; times are ISO 8601 and durations seconds with their unit, whatever the culture of the process.
/// </summary>
public sealed partial class LogMessageTests : IDisposable
{
    private static readonly DateTimeOffset Time = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private const string Iso = "2026-03-01T12:00:00.0000000+00:00";

    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILogger _logger;
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;

    public LogMessageTests()
    {
        _logger = _logs.CreateLogger("test");
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE"); // a decimal comma, another date order
    }

    public void Dispose()
    {
        CultureInfo.CurrentCulture = _culture;
        _logs.Dispose();
    }

    public static TheoryData<string> Cases() => [.. Renderings.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_message_reads_well_with_edge_values(string name)
    {
        var (log, expected) = Renderings[name];

        log(_logger);

        var message = _logs.Messages.Should().ContainSingle().Subject;
        message.Should().Contain(expected);
        message.Should().NotContain("(null)").And.NotContain("(s)").And.NotContain("entr(").And.NotContain(" ,");
        OneWithPlural().IsMatch(message).Should().BeFalse($"\"{message}\" puts a plural after 1");
        TimeSpanText().IsMatch(message).Should().BeFalse($"\"{message}\" shows a TimeSpan: durations are seconds with a unit");
    }

    private static readonly Dictionary<string, (Action<ILogger> Log, string Expected)> Renderings = new()
    {
        ["1 request completed, fractional ms"] = (l => Log.RequestCompleted(l, "GET", "/v1/calls", 200, 12.6), "answered 200 in 13 ms"),
        ["2 rate limited, no reset"] = (l => Log.RateLimited(l, "GET", "/v1/calls", null), "(429); the budget resets at an unknown time (Aircall sent none; the account waits one window)"),
        ["2 rate limited, reset"] = (l => Log.RateLimited(l, "GET", "/v1/calls", Time), "(429); the budget resets at " + Iso),
        ["3 request failed"] = (l => Log.RequestFailed(l, new HttpRequestException("x"), "GET", "/v1/calls", 1500.4), "failed after 1500 ms"),
        ["4 reset beyond bound, half-second window"] = (l => Log.ResetBeyondBound(l, Time, 86_400, 1, 0.5), $"reset of {Iso}, 86400 s ahead: beyond the 1 s bound (Aircall:RateLimit:MaxResetWait), so it is ignored and the account waits one window (0.5 s)"),
        ["10 webhook without a call"] = (l => Log.WebhookProcessed(l, "user.created", WebhookOutcome.Ignored, null, "Not a call event."), "Aircall webhook user.created: Ignored (call id: none). Not a call event."),
        ["10 webhook with a call"] = (l => Log.WebhookProcessed(l, "call.created", WebhookOutcome.Stored, 1, "Stored."), "(call id: 1). Stored."),
        ["11 store failed"] = (l => Log.WebhookStoreFailed(l, new InvalidOperationException("x"), "call.ended", 2), "Aircall webhook call.ended for call 2 could not be stored"),
        ["50 consumer failed"] = (l => Log.WebhookConsumerFailed(l, new InvalidOperationException("x"), "user.created"), "Aircall webhook user.created could not be handled by the event consumer"),
        ["20 re-anchored, 1 call of overlap"] = (l => Log.Reanchored(l, "the cap", Time, 1, 2), $"window 2 starts at {Iso}; calls of the overlap already returned: 1"),
        ["20 re-anchored, 2 calls of overlap"] = (l => Log.Reanchored(l, "the cap", Time, 2, 1), "already returned: 2"),
        ["21 dense window, 1 second"] = (l => Log.DenseWindow(l, Time, 1), "the window overlap was reduced to 1 s"),
        ["21 dense window, 0 seconds"] = (l => Log.DenseWindow(l, Time, 0), "reduced to 0 s"),
        ["24 one null entry"] = (l => Log.NullCallEntries(l, 1, 1, 1, 3, "asking again"), "Page 1 of calls listed null entries instead of calls: 1 (attempt 1 of 3); asking again"),
        ["24 two null entries"] = (l => Log.NullCallEntries(l, 2, 2, 3, 3, "skipped them"), "instead of calls: 2 (attempt 3 of 3); skipped them"),
        ["25 window shrank to 1"] = (l => Log.WindowShrank(l, 2, 1), "The window's call total went from 2 to 1 while it was listed"),
        ["30 sync of everything"] = (l => Log.SyncStarting(l, "full", null), "Call sync starting (full) from the oldest call"),
        ["30 sync from a date"] = (l => Log.SyncStarting(l, "incremental", Time), "Call sync starting (incremental) from " + Iso),
        ["31 sync of 1 call"] = (l => Log.SyncCompleted(l, 1, 1, 1, 1.5), "Call sync completed in 1.5 s (calls: 1, pages: 1, requests: 1)"),
        ["31 sync of 2 calls"] = (l => Log.SyncCompleted(l, 2, 2, 2, 0), "completed in 0.0 s (calls: 2, pages: 2, requests: 2)"),
        ["34 next run"] = (l => Log.NextSyncDue(l, Time, 900), $"due at {Iso}, in 900 s (Aircall:BatchSync:Interval)"),
        ["40 untrusted date"] = (l => Log.UntrustedDateHeader(l, Time, Time.AddHours(1), 300), $"Date header {Iso} is more than 300 s from the local clock 2026-03-01T13:00:00.0000000+00:00"),
        ["41 webhook ahead"] = (l => Log.WebhookTimestampAhead(l, "call.created", 1, Time, Time, 0.5), "more than 0.5 s ahead of the local clock"),
    };

    [GeneratedRegex(@"\b1 (calls|pages|requests|seconds|entries|attempts)\b")]
    private static partial Regex OneWithPlural();

    [GeneratedRegex(@"\b\d\d:\d\d:\d\d\b(?!\.\d{7})")]
    private static partial Regex TimeSpanText();
}
