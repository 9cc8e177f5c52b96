namespace Aircall.CallSync.Webhooks;

/// <summary>The result of <see cref="AircallWebhookProcessor.ProcessAsync"/>. Carries no token and no call data.</summary>
public sealed class WebhookProcessingResult
{
    internal WebhookProcessingResult(WebhookOutcome outcome, string? eventName, long? callId, string? accountId, string message)
    {
        Outcome = outcome;
        EventName = eventName;
        CallId = callId;
        AccountId = accountId;
        Message = message;
    }

    /// <summary>What happened.</summary>
    public WebhookOutcome Outcome { get; }

    /// <summary>Whether Aircall should be answered 2xx (the delivery is handled and must not be retried).</summary>
    public bool IsSuccess => Outcome is WebhookOutcome.Stored or WebhookOutcome.Stale or WebhookOutcome.Handled or WebhookOutcome.Ignored;

    /// <summary>The HTTP status to answer: 200, 401, 400 or 503.</summary>
    public int StatusCode => Outcome switch
    {
        WebhookOutcome.Unauthorized => 401,
        WebhookOutcome.Malformed => 400,
        WebhookOutcome.Failed => 503,
        _ => 200,
    };

    /// <summary>The event name once the token was verified; <c>null</c> before.</summary>
    public string? EventName { get; }

    /// <summary>The call's id for call events.</summary>
    public long? CallId { get; }

    /// <summary>The account the token resolved to.</summary>
    public string? AccountId { get; }

    /// <summary>A short, safe explanation (suitable for a response body or a log).</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{Outcome}: {Message}";
}
