using System.Text.Json.Serialization;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>An IVR (Smartflow) choice made during a call; present only with <c>fetch_call_timeline</c>.</summary>
public sealed class IvrOption
{
    /// <summary>The option's id.</summary>
    [JsonPropertyName("id"), JsonConverter(typeof(LenientStringConverter))] public string? Id { get; init; }

    /// <summary>The option's title.</summary>
    [JsonPropertyName("title")] public string? Title { get; init; }

    /// <summary>The digits pressed, or <c>fallback</c> for no or invalid input.</summary>
    [JsonPropertyName("key")] public string? Key { get; init; }

    /// <summary>The branch taken.</summary>
    [JsonPropertyName("branch")] public string? Branch { get; init; }

    /// <summary>When the option was created.</summary>
    [JsonPropertyName("created_at"), JsonConverter(typeof(IsoTimestampConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the transition started.</summary>
    [JsonPropertyName("transition_started_at"), JsonConverter(typeof(IsoTimestampConverter))]
    public DateTimeOffset? TransitionStartedAt { get; init; }

    /// <summary>When the transition ended.</summary>
    [JsonPropertyName("transition_ended_at"), JsonConverter(typeof(IsoTimestampConverter))]
    public DateTimeOffset? TransitionEndedAt { get; init; }
}
