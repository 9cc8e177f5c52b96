using System.Text.Json.Serialization;
using Aircall.CallSync.Models;

namespace Aircall.CallSync.Api;

/// <summary>A single call response: <c>{"call": {...}}</c>.</summary>
public sealed class CallEnvelope
{
    /// <summary>The call; <c>null</c> only if Aircall sent no <c>call</c> key.</summary>
    [JsonPropertyName("call")] public Call? Call { get; init; }
}
