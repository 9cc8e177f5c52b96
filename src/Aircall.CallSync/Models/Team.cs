using System.Text.Json.Serialization;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>A team an inbound call was routed to.</summary>
public sealed class Team
{
    /// <summary>The team's id.</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary>The API URL of the team.</summary>
    [JsonPropertyName("direct_link")] public string? DirectLink { get; init; }

    /// <summary>The team's unique name (64 characters at most).</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>When the team was created (ISO-8601 on the wire).</summary>
    [JsonPropertyName("created_at"), JsonConverter(typeof(IsoTimestampConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>Members of the team.</summary>
    [JsonPropertyName("users")] public IReadOnlyList<User>? Users { get; init; }
}
