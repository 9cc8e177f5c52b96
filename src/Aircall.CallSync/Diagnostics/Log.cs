using Microsoft.Extensions.Logging;

namespace Aircall.CallSync.Diagnostics;

/// <summary>Source-generated log messages. None carries a credential, a token, a query string or a phone number.</summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Aircall {Method} {Endpoint} answered {StatusCode} in {ElapsedMilliseconds} ms")]
    internal static partial void RequestCompleted(ILogger logger, string method, string endpoint, int statusCode, double elapsedMilliseconds);

    [LoggerMessage(2, LogLevel.Warning, "Aircall {Method} {Endpoint} was rate limited (429); budget resets at {ResetAt}")]
    internal static partial void RateLimited(ILogger logger, string method, string endpoint, DateTimeOffset? resetAt);

    [LoggerMessage(3, LogLevel.Warning, "Aircall {Method} {Endpoint} failed after {ElapsedMilliseconds} ms")]
    internal static partial void RequestFailed(ILogger logger, Exception exception, string method, string endpoint, double elapsedMilliseconds);

    [LoggerMessage(4, LogLevel.Warning, "Aircall sent a rate-limit reset of {ResetAt:o}, {AheadSeconds:F0} s ahead: beyond the {BoundSeconds:F0} s bound (Aircall:RateLimit:MaxResetWait), so it is ignored and the account waits one window ({WindowSeconds:F0} s) instead. Logged once per account")]
    internal static partial void ResetBeyondBound(ILogger logger, DateTimeOffset resetAt, double aheadSeconds, double boundSeconds, double windowSeconds);

    [LoggerMessage(10, LogLevel.Information, "Aircall webhook {Event}: {Outcome} (call {CallId}). {Detail}")]
    internal static partial void WebhookProcessed(ILogger logger, string @event, Aircall.CallSync.Webhooks.WebhookOutcome outcome, long? callId, string detail);

    [LoggerMessage(11, LogLevel.Error, "Aircall webhook {Event} for call {CallId} could not be stored; answering non-2xx so Aircall retries")]
    internal static partial void WebhookStoreFailed(ILogger logger, Exception exception, string @event, long? callId);

    [LoggerMessage(20, LogLevel.Information, "Call enumeration re-anchored ({Reason}): window {Window} starts at {From:o}, {Overlap} call(s) already returned in the overlap")]
    internal static partial void Reanchored(ILogger logger, string reason, DateTimeOffset from, int overlap, int window);

    [LoggerMessage(21, LogLevel.Warning, "Calls are dense around {Second:o}: the window overlap was reduced to {Seconds} second(s) to make progress past the 10,000-result cap")]
    internal static partial void DenseWindow(ILogger logger, DateTimeOffset second, int seconds);

    [LoggerMessage(22, LogLevel.Warning, "Page {Page} of calls was not a valid call list (invalid JSON, no calls array, or calls: null) (attempt {Attempt} of {Attempts})")]
    internal static partial void MalformedPage(ILogger logger, int page, int attempt, int attempts);

    [LoggerMessage(23, LogLevel.Warning, "Page {Page} of calls contradicts what Aircall said before ({Reason}); asking again (attempt {Attempt} of {Attempts})")]
    internal static partial void ContradictingPage(ILogger logger, int page, string reason, int attempt, int attempts);

    [LoggerMessage(24, LogLevel.Warning, "Page {Page} of calls listed {Nulls} null entr(y/ies) instead of calls (attempt {Attempt} of {Attempts}); {Action}")]
    internal static partial void NullCallEntries(ILogger logger, int page, int nulls, int attempt, int attempts, string action);

    [LoggerMessage(25, LogLevel.Information, "The window's total went from {FirstTotal} to {Total} calls while it was listed, and Aircall confirmed it: calls were deleted meanwhile")]
    internal static partial void WindowShrank(ILogger logger, int firstTotal, int total);

    [LoggerMessage(26, LogLevel.Warning, "The re-anchored window starting at {From:o} did not begin with a call already returned (a started_at later than its creation time?); trying an earlier start (attempt {Attempt} of {Attempts})")]
    internal static partial void ReanchorUnconfirmed(ILogger logger, DateTimeOffset from, int attempt, int attempts);

    [LoggerMessage(30, LogLevel.Information, "Call sync starting ({Mode}) from {From:o}")]
    internal static partial void SyncStarting(ILogger logger, string mode, DateTimeOffset? from);

    [LoggerMessage(31, LogLevel.Information, "Call sync completed: {Calls} calls in {Pages} pages, {Requests} requests, {Seconds:F1} s")]
    internal static partial void SyncCompleted(ILogger logger, long calls, int pages, long requests, double seconds);

    [LoggerMessage(32, LogLevel.Error, "Periodic call sync failed; the next run resumes from the last checkpoint")]
    internal static partial void SyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(33, LogLevel.Warning, "Periodic call sync uses the in-memory checkpoint store: every restart syncs everything again. Register an ICheckpointStore on your database.")]
    internal static partial void VolatileCheckpoints(ILogger logger);

    [LoggerMessage(34, LogLevel.Information, "Next periodic call sync is due at {Due:o}, in {Interval} (Aircall:BatchSync:Interval)")]
    internal static partial void NextSyncDue(ILogger logger, DateTimeOffset due, TimeSpan interval);

    [LoggerMessage(40, LogLevel.Warning, "Aircall's Date header {Date:o} is more than {MaxSkew} from the local clock {Now:o}: the page is versioned by the local clock instead (check both clocks; see Aircall:MaxClockSkew)")]
    internal static partial void UntrustedDateHeader(ILogger logger, DateTimeOffset date, DateTimeOffset now, TimeSpan maxSkew);

    [LoggerMessage(41, LogLevel.Warning, "Aircall webhook {Event} for call {CallId} is stamped {Timestamp:o}, more than {MaxSkew} ahead of the local clock {Now:o}: it is stored, versioned by its receipt time (see Aircall:Webhooks:MaxClockSkew)")]
    internal static partial void WebhookTimestampAhead(ILogger logger, string @event, long callId, DateTimeOffset timestamp, DateTimeOffset now, TimeSpan maxSkew);

    [LoggerMessage(42, LogLevel.Warning, "Aircall sent a value of an unexpected JSON type in {Field}: that field was read as null and the rest kept (logged once per field; counted in aircall.callsync.fields.unreadable)")]
    internal static partial void UnreadableField(ILogger logger, string field);
}
