namespace Aircall.CallSync.Webhooks;

/// <summary>What became of a webhook delivery, and so what to answer Aircall.</summary>
public enum WebhookOutcome
{
    /// <summary>A call event whose snapshot the store applied. Answer 2xx.</summary>
    Stored = 0,

    /// <summary>A call event the store already had, or held newer state for (duplicate or out-of-order delivery). Answer 2xx.</summary>
    Stale = 1,

    /// <summary>A verified event that is not a call event, which the registered event consumer handled. Answer 2xx.</summary>
    Handled = 2,

    /// <summary>A verified event that is not a call event, with no event consumer registered: nothing was done. Answer 2xx.</summary>
    Ignored = 3,

    /// <summary>The token is missing or unknown. Answer 401; nothing was stored.</summary>
    Unauthorized = 4,

    /// <summary>The body is not a webhook envelope, or a call event's <c>data</c> is not a call. Answer 400; nothing was stored.</summary>
    Malformed = 5,

    /// <summary>The store or the event consumer failed or ran out of time. Answer non-2xx so Aircall retries.</summary>
    Failed = 6,
}
