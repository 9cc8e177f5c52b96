using System.Text.Json.Serialization;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>A note posted on a call.</summary>
public sealed class Comment
{
    /// <summary>The comment's id.</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary>The text.</summary>
    [JsonPropertyName("content")] public string? Content { get; init; }

    /// <summary>When it was posted (UNIX seconds in real payloads; ISO-8601 accepted).</summary>
    [JsonPropertyName("posted_at"), JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? PostedAt { get; init; }

    /// <summary>Who posted it; <c>null</c> when posted through the Public API.</summary>
    [JsonPropertyName("posted_by")] public User? PostedBy { get; init; }
}
