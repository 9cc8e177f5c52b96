using System.Text.Json.Serialization;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>
/// A webhook registered on an Aircall account. <see cref="Token"/> is the shared secret Aircall puts in every delivery:
/// treat it like a password (it is left out of <see cref="ToString"/>).
/// </summary>
public sealed class Webhook
{
    /// <summary>The webhook's UUID, used in <c>/v1/webhooks/{webhook_id}</c>.</summary>
    [JsonPropertyName("webhook_id")] public string? WebhookId { get; init; }

    /// <summary>The legacy numeric id some responses still carry.</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary>The API URL of the webhook.</summary>
    [JsonPropertyName("direct_link")] public string? DirectLink { get; init; }

    /// <summary>When the webhook was created (ISO-8601 on the wire).</summary>
    [JsonPropertyName("created_at"), JsonConverter(typeof(IsoTimestampConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>The HTTPS URL Aircall delivers to.</summary>
    [JsonPropertyName("url")] public string? Url { get; init; }

    /// <summary>Whether Aircall delivers to it (it disables webhooks that keep failing).</summary>
    [JsonPropertyName("active")] public bool? Active { get; init; }

    /// <summary>The shared secret sent as <c>token</c> in every delivery. Never log it.</summary>
    [JsonPropertyName("token")] public string? Token { get; init; }

    /// <summary>The subscribed events; empty means all events.</summary>
    [JsonPropertyName("events")] public IReadOnlyList<string>? Events { get; init; }

    /// <summary>A name for the webhook.</summary>
    [JsonPropertyName("custom_name")] public string? CustomName { get; init; }

    /// <summary>Identifies the webhook without its token.</summary>
    public override string ToString() => $"Webhook {WebhookId ?? Id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"} -> {Url} (active: {Active?.ToString() ?? "?"})";
}
