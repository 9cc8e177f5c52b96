using System.Text.Json.Serialization;

namespace Aircall.CallSync.Api;

/// <summary>Body of <c>POST /v1/calls/{id}/insight_cards</c> (ongoing calls only; shown in the agent's phone app).</summary>
public sealed class InsightCardRequest
{
    /// <summary>The card's lines.</summary>
    [JsonPropertyName("contents")] public required IReadOnlyList<InsightCardContent> Contents { get; init; }
}
