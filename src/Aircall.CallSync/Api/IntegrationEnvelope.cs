using System.Text.Json.Serialization;
using Aircall.CallSync.Models;

namespace Aircall.CallSync.Api;

/// <summary>The answer of the integration endpoints: <c>{"integration": {...}}</c>.</summary>
public sealed class IntegrationEnvelope
{
    /// <summary>The integration; <c>null</c> only if Aircall sent no <c>integration</c> key.</summary>
    [JsonPropertyName("integration")] public Integration? Integration { get; init; }
}
