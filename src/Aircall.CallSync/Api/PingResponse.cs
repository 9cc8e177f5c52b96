using System.Text.Json.Serialization;

namespace Aircall.CallSync.Api;

/// <summary>The answer of <c>GET /v1/ping</c>: <c>{"ping": "pong"}</c>.</summary>
public sealed class PingResponse
{
    /// <summary><c>pong</c> when the credentials work.</summary>
    [JsonPropertyName("ping")] public string? Ping { get; init; }
}
