using System.Text.Json.Serialization;

namespace Aircall.CallSync.Api;

/// <summary>Body of <c>POST /v1/calls/{id}/tags</c>.</summary>
public sealed class TagCallRequest
{
    /// <summary>Ids of the tags to apply.</summary>
    [JsonPropertyName("tags")] public required IReadOnlyList<long> Tags { get; init; }
}
