using System.Text.Json.Serialization;

namespace Aircall.CallSync.Api;

/// <summary>Body of <c>POST /v1/webhooks</c> and <c>PUT /v1/webhooks/{id}</c>.</summary>
public sealed class WebhookRequest
{
    /// <summary>The HTTPS URL to deliver to (required on create).</summary>
    [JsonPropertyName("url")] public string? Url { get; init; }

    /// <summary>A name for the webhook.</summary>
    [JsonPropertyName("custom_name")] public string? CustomName { get; init; }

    /// <summary>The events to subscribe to. Omitted or empty subscribes to all events, on create and on update.</summary>
    [JsonPropertyName("events")] public IReadOnlyList<string>? Events { get; init; }

    /// <summary><c>true</c> re-activates a webhook Aircall disabled after failures.</summary>
    [JsonPropertyName("active")] public bool? Active { get; init; }
}
