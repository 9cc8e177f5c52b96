namespace Aircall.CallSync.Testing;

/// <summary>One delivery attempt of a webhook event, as recorded in <see cref="SimulatorWebhooks.Deliveries"/>.</summary>
public sealed record WebhookDelivery
{
    /// <summary>When the attempt started, on the simulator's clock.</summary>
    public required DateTimeOffset Time { get; init; }

    /// <summary>The webhook's <c>webhook_id</c>.</summary>
    public required string WebhookId { get; init; }

    /// <summary>The URL delivered to.</summary>
    public required string Url { get; init; }

    /// <summary>The event name, for example <c>call.ended</c>.</summary>
    public required string Event { get; init; }

    /// <summary>The call's id; 0 for an event that carries no call (<c>integration.deleted</c>).</summary>
    public required long CallId { get; init; }

    /// <summary>1 for the first attempt of this event, 2 for its first retry, and so on.</summary>
    public required int Attempt { get; init; }

    /// <summary>Whether this is an intentional duplicate of an event already delivered.</summary>
    public bool IsDuplicate { get; init; }

    /// <summary>The receiver's status code; <c>null</c> when it did not answer (timeout, refused connection).</summary>
    public int? StatusCode { get; init; }

    /// <summary>Whether the receiver answered 2xx within the timeout.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>Why the attempt failed (<c>timeout</c>, an exception type), or <c>null</c>.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// The JSON envelope sent: <c>{"resource":"call","event":...,"timestamp":...,"token":...,"data":{...}}</c>, or for an
    /// uninstall <c>{"resource":"integration","event":"integration.deleted",...,"data":{"integration_id":...,"company_id":...}}</c>.
    /// </summary>
    public required string Body { get; init; }
}
