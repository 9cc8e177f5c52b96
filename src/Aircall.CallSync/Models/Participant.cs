using System.Text.Json.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>A participant of a conference call.</summary>
public sealed class Participant
{
    /// <summary><c>user</c>, <c>contact</c> or <c>external</c>.</summary>
    [JsonPropertyName("type")] public ParticipantType? Type { get; init; }

    /// <summary>The user's or contact's id; absent for external participants.</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary>The user's or contact's name; absent for external participants.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The phone number; absent for users.</summary>
    [JsonPropertyName("phone_number")] public string? PhoneNumber { get; init; }
}
