using System.Text.Json.Serialization;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>
/// A tag applied to a call. Webhooks carry <c>tagged_at</c>, the REST API <c>created_at</c>; <c>tagged_by</c> may be an
/// empty object for system tags such as "Callback Request".
/// </summary>
public sealed class Tag
{
    /// <summary>The tag's id (what <c>tags[]</c> filters and <c>POST /calls/:id/tags</c> take).</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary>The API URL of the tag.</summary>
    [JsonPropertyName("direct_link")] public string? DirectLink { get; init; }

    /// <summary>The tag's name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>Hex colour.</summary>
    [JsonPropertyName("color")] public string? Color { get; init; }

    /// <summary>Description of the tag.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>When the tag was applied (REST name; UNIX seconds or ISO-8601 accepted).</summary>
    [JsonPropertyName("created_at"), JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the tag was applied (webhook name).</summary>
    [JsonPropertyName("tagged_at"), JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? TaggedAt { get; init; }

    /// <summary>Who applied the tag; a user with every property <c>null</c> when Aircall sends <c>{}</c>.</summary>
    [JsonPropertyName("tagged_by")] public User? TaggedBy { get; init; }

    /// <summary>When the tag was applied, whichever of <see cref="TaggedAt"/> and <see cref="CreatedAt"/> is present.</summary>
    [JsonIgnore] public DateTimeOffset? AppliedAt => TaggedAt ?? CreatedAt;
}
