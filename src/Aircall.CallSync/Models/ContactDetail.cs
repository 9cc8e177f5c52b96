using System.Text.Json.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>A labelled phone number or email address of a <see cref="Contact"/>.</summary>
public sealed class ContactDetail
{
    /// <summary>The detail's id.</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary>Label such as <c>Work</c> or <c>Mobile</c>.</summary>
    [JsonPropertyName("label")] public string? Label { get; init; }

    /// <summary>The phone number or email address.</summary>
    [JsonPropertyName("value")] public string? Value { get; init; }
}
