using System.Text.Json.Serialization;

namespace Aircall.CallSync.Api;

/// <summary>Body of <c>POST /v1/calls/{id}/comments</c>. Aircall keeps at most 5 comments a call and strips emojis.</summary>
public sealed class CommentRequest
{
    /// <summary>The note's text.</summary>
    [JsonPropertyName("content")] public required string Content { get; init; }
}
