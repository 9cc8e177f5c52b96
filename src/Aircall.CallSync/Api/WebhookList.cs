using System.Text.Json.Serialization;
using Aircall.CallSync.Models;

namespace Aircall.CallSync.Api;

/// <summary>One page of webhooks: <c>{"webhooks": [...], "meta": {...}}</c>.</summary>
public sealed class WebhookList
{
    /// <summary>The webhooks in this page; empty when absent.</summary>
    [JsonPropertyName("webhooks")] public IReadOnlyList<Webhook> Webhooks { get; init; } = [];

    /// <summary>Paging information.</summary>
    [JsonPropertyName("meta")] public PageMeta? Meta { get; init; }
}
