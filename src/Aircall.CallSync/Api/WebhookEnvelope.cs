using System.Text.Json.Serialization;
using Aircall.CallSync.Models;

namespace Aircall.CallSync.Api;

/// <summary>A single webhook response: <c>{"webhook": {...}}</c>.</summary>
public sealed class WebhookEnvelope
{
    /// <summary>The webhook; <c>null</c> only if Aircall sent no <c>webhook</c> key.</summary>
    [JsonPropertyName("webhook")] public Webhook? Webhook { get; init; }
}
