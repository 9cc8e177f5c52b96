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

    [LoggerMessage(22, LogLevel.Warning, "Page {Page} of calls was not valid JSON (attempt {Attempt} of {Attempts})")]
    internal static partial void MalformedPage(ILogger logger, int page, int attempt, int attempts);

    [LoggerMessage(30, LogLevel.Information, "Call sync starting ({Mode}) from {From:o}")]
    internal static partial void SyncStarting(ILogger logger, string mode, DateTimeOffset? from);

    [LoggerMessage(31, LogLevel.Information, "Call sync completed: {Calls} calls in {Pages} pages, {Requests} requests, {Seconds:F1} s")]
    internal static partial void SyncCompleted(ILogger logger, long calls, int pages, long requests, double seconds);

    [LoggerMessage(32, LogLevel.Error, "Periodic call sync failed; the next run resumes from the last checkpoint")]
    internal static partial void SyncFailed(ILogger logger, Exception exception);

    [LoggerMessage(33, LogLevel.Warning, "Periodic call sync uses the in-memory checkpoint store: every restart syncs everything again. Register an ICheckpointStore on your database.")]
    internal static partial void VolatileCheckpoints(ILogger logger);
}
