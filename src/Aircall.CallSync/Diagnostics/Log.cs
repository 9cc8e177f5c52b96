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

    [LoggerMessage(10, LogLevel.Information, "Aircall webhook {Event}: {Outcome} (call {CallId}). {Detail}")]
    internal static partial void WebhookProcessed(ILogger logger, string @event, Aircall.CallSync.Webhooks.WebhookOutcome outcome, long? callId, string detail);

    [LoggerMessage(11, LogLevel.Error, "Aircall webhook {Event} for call {CallId} could not be stored; answering non-2xx so Aircall retries")]
    internal static partial void WebhookStoreFailed(ILogger logger, Exception exception, string @event, long? callId);
}
