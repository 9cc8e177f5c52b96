using System.Text.Json.Serialization;

namespace Aircall.CallSync.Api;

/// <summary>Body of <c>POST /v1/calls/{id}/transfers</c>: set exactly one of the targets.</summary>
public sealed class TransferCallRequest
{
    /// <summary>Transfer to this user.</summary>
    [JsonPropertyName("user_id")] public long? UserId { get; init; }

    /// <summary>Transfer to this team.</summary>
    [JsonPropertyName("team_id")] public long? TeamId { get; init; }

    /// <summary>Transfer to this external number (E.164).</summary>
    [JsonPropertyName("number")] public string? Number { get; init; }

    /// <summary>For team transfers: how the team is rung (e.g. <c>simultaneous</c>, <c>random</c>, <c>longest_idle</c>).</summary>
    [JsonPropertyName("dispatching_strategy")] public string? DispatchingStrategy { get; init; }
}
