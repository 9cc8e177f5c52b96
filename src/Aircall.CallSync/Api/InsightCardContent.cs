using System.Text.Json.Serialization;

namespace Aircall.CallSync.Api;

/// <summary>One line of an insight card: a <c>title</c>, a <c>shortText</c> or a <c>user</c>.</summary>
public sealed class InsightCardContent
{
    /// <summary><c>title</c>, <c>shortText</c> or <c>user</c>.</summary>
    [JsonPropertyName("type")] public required string Type { get; init; }

    /// <summary>The text (title and shortText).</summary>
    [JsonPropertyName("text")] public string? Text { get; init; }

    /// <summary>The label (shortText and user).</summary>
    [JsonPropertyName("label")] public string? Label { get; init; }

    /// <summary>An optional link.</summary>
    [JsonPropertyName("link")] public string? Link { get; init; }

    /// <summary>The user to show (user lines).</summary>
    [JsonPropertyName("user_id")] public long? UserId { get; init; }

    /// <summary>A title line.</summary>
    public static InsightCardContent Title(string text, string? link = null) => new() { Type = "title", Text = text, Link = link };

    /// <summary>A labelled short text line.</summary>
    public static InsightCardContent ShortText(string label, string text, string? link = null) => new() { Type = "shortText", Label = label, Text = text, Link = link };

    /// <summary>A labelled user line.</summary>
    public static InsightCardContent ForUser(string label, long userId) => new() { Type = "user", Label = label, UserId = userId };
}
