using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Aircall.CallSync.Diagnostics;

/// <summary>
/// Source-generated log messages. None carries a credential, a token, a query string or a phone number. Each reads well
/// whatever its values: no "(null)" (a missing value is passed as a phrase), counts after a colon (no "1 pages"), times in
/// ISO 8601 (<c>:o</c>) and durations in seconds with their unit, all culture-invariant.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Aircall {Method} {Endpoint} answered {StatusCode} in {ElapsedMilliseconds:F0} ms")]
    internal static partial void RequestCompleted(ILogger logger, string method, string endpoint, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(2, LogLevel.Warning, "Aircall {Method} {Endpoint} was rate limited (429); the budget resets at {ResetAt}")]
    private static partial void RateLimited(ILogger logger, string method, string endpoint, string resetAt);

    /// <summary>Event 2, with the reset time in ISO 8601 or, when Aircall sent none, a phrase that says so.</summary>
    internal static void RateLimited(ILogger logger, string method, string endpoint, DateTimeOffset? resetAt)
    {
        if (logger.IsEnabled(LogLevel.Warning))
        {
            RateLimited(logger, method, endpoint, resetAt is { } reset
                ? reset.ToString("o", CultureInfo.InvariantCulture)
                : "an unknown time (Aircall sent none; the account waits one window)");
        }
    }

    [LoggerMessage(3, LogLevel.Warning, "Aircall {Method} {Endpoint} failed after {ElapsedMilliseconds:F0} ms")]
    internal static partial void RequestFailed(ILogger logger, Exception exception, string method, string endpoint, double elapsedMilliseconds);

    [LoggerMessage(4, LogLevel.Warning, "Aircall sent a rate-limit reset of {ResetAt:o}, {AheadSeconds:0.###} s ahead: beyond the {BoundSeconds:0.###} s bound (Aircall:RateLimit:MaxResetWait), so it is ignored and the account waits one window ({WindowSeconds:0.###} s) instead. Logged once per account")]
    internal static partial void ResetBeyondBound(ILogger logger, DateTimeOffset resetAt, double aheadSeconds, double boundSeconds, double windowSeconds);

    [LoggerMessage(10, LogLevel.Information, "Aircall webhook {Event}: {Outcome} (call id: {CallId}). {Detail}")]
    private static partial void WebhookProcessed(ILogger logger, string @event, Aircall.CallSync.Webhooks.WebhookOutcome outcome, string callId, string detail);

    /// <summary>Event 10; a delivery without a call (not a call event, unreadable) reads "call id: none".</summary>
    internal static void WebhookProcessed(ILogger logger, string @event, Aircall.CallSync.Webhooks.WebhookOutcome outcome, long? callId, string detail)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            WebhookProcessed(logger, @event, outcome, callId?.ToString(CultureInfo.InvariantCulture) ?? "none", detail);
        }
    }

    [LoggerMessage(11, LogLevel.Error, "Aircall webhook {Event} for call {CallId} could not be stored; answering non-2xx so Aircall retries")]
    internal static partial void WebhookStoreFailed(ILogger logger, Exception exception, string @event, long callId);

    [LoggerMessage(50, LogLevel.Error, "Aircall webhook {Event} could not be handled by the event consumer; answering non-2xx so Aircall retries")]
    internal static partial void WebhookConsumerFailed(ILogger logger, Exception exception, string @event);

    [LoggerMessage(20, LogLevel.Information, "Call enumeration re-anchored ({Reason}): window {Window} starts at {From:o}; calls of the overlap already returned: {Overlap}")]
    internal static partial void Reanchored(ILogger logger, string reason, DateTimeOffset from, int overlap, int window);

    [LoggerMessage(21, LogLevel.Warning, "Calls are dense around {Second:o}: the window overlap was reduced to {Seconds} s to make progress past the 10,000-result cap")]
    internal static partial void DenseWindow(ILogger logger, DateTimeOffset second, int seconds);

    [LoggerMessage(22, LogLevel.Warning, "Page {Page} of calls was not a valid call list (invalid JSON, no calls array, or calls: null) (attempt {Attempt} of {Attempts})")]
    internal static partial void MalformedPage(ILogger logger, int page, int attempt, int attempts);

    [LoggerMessage(23, LogLevel.Warning, "Page {Page} of calls contradicts what Aircall said before ({Reason}); asking again (attempt {Attempt} of {Attempts})")]
    internal static partial void ContradictingPage(ILogger logger, int page, string reason, int attempt, int attempts);

    [LoggerMessage(24, LogLevel.Warning, "Page {Page} of calls listed null entries instead of calls: {Nulls} (attempt {Attempt} of {Attempts}); {Action}")]
    internal static partial void NullCallEntries(ILogger logger, int page, int nulls, int attempt, int attempts, string action);

    [LoggerMessage(25, LogLevel.Information, "The window's call total went from {FirstTotal} to {Total} while it was listed, and Aircall confirmed it: calls were deleted meanwhile")]
    internal static partial void WindowShrank(ILogger logger, int firstTotal, int total);

    [LoggerMessage(26, LogLevel.Warning, "The re-anchored window starting at {From:o} did not begin with a call already returned (a started_at later than its creation time?); trying an earlier start (attempt {Attempt} of {Attempts})")]
    internal static partial void ReanchorUnconfirmed(ILogger logger, DateTimeOffset from, int attempt, int attempts);

    [LoggerMessage(30, LogLevel.Information, "Call sync starting ({Mode}) from {From}")]
    private static partial void SyncStarting(ILogger logger, string mode, string from);

    /// <summary>Event 30, with the start in ISO 8601, or "the oldest call" for a sync of everything.</summary>
    internal static void SyncStarting(ILogger logger, string mode, DateTimeOffset? from)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            SyncStarting(logger, mode, from is { } start ? start.ToString("o", CultureInfo.InvariantCulture) : "the oldest call");
        }
    }

    [LoggerMessage(31, LogLevel.Information, "Call sync completed in {Seconds:F1} s (calls: {Calls}, pages: {Pages}, requests: {Requests})")]
    internal static partial void SyncCompleted(ILogger logger, long calls, int pages, long requests, double seconds);

    [LoggerMessage(32, LogLevel.Error, "Periodic call sync failed; the next run resumes from the last checkpoint")]
    internal static partial void SyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(33, LogLevel.Warning, "Periodic call sync uses the in-memory checkpoint store: every restart syncs everything again. Register an ICheckpointStore on your database.")]
    internal static partial void VolatileCheckpoints(ILogger logger);

    [LoggerMessage(34, LogLevel.Information, "Next periodic call sync is due at {Due:o}, in {IntervalSeconds:0.###} s (Aircall:BatchSync:Interval)")]
    internal static partial void NextSyncDue(ILogger logger, DateTimeOffset due, double intervalSeconds);

    [LoggerMessage(35, LogLevel.Warning, "Call sync stopped ({StoppedBy}) and its checkpoint could not be saved again with the rate-limit budget spent since ({Error}): the next run resumes from the last saved page and allows for one more request")]
    internal static partial void FinalBudgetNotSaved(ILogger logger, string stoppedBy, string error);

    [LoggerMessage(40, LogLevel.Warning, "Aircall's Date header {Date:o} is more than {MaxSkewSeconds:0.###} s from the local clock {Now:o}: the page is versioned by the local clock instead (check both clocks; see Aircall:MaxClockSkew)")]
    internal static partial void UntrustedDateHeader(ILogger logger, DateTimeOffset date, DateTimeOffset now, double maxSkewSeconds);

    [LoggerMessage(41, LogLevel.Warning, "Aircall webhook {Event} for call {CallId} is stamped {Timestamp:o}, more than {MaxSkewSeconds:0.###} s ahead of the local clock {Now:o}: it is stored, versioned by its receipt time (see Aircall:Webhooks:MaxClockSkew)")]
    internal static partial void WebhookTimestampAhead(ILogger logger, string @event, long callId, DateTimeOffset timestamp, DateTimeOffset now, double maxSkewSeconds);

    [LoggerMessage(42, LogLevel.Warning, "Aircall sent a value of an unexpected JSON type in {Field}: that field was read as null and the rest kept (logged once per field; counted in aircall.callsync.fields.unreadable)")]
    internal static partial void UnreadableField(ILogger logger, string field);
}
