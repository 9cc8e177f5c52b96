using System.Text.Json.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>URLs of the audio messages configured on an Aircall number. Every field may be absent.</summary>
public sealed class NumberMessages
{
    /// <summary>Welcome message.</summary>
    [JsonPropertyName("welcome")] public string? Welcome { get; init; }

    /// <summary>Waiting music.</summary>
    [JsonPropertyName("waiting")] public string? Waiting { get; init; }

    /// <summary>Ringing tone.</summary>
    [JsonPropertyName("ringing_tone")] public string? RingingTone { get; init; }

    /// <summary>Message played for unanswered calls.</summary>
    [JsonPropertyName("unanswered_call")] public string? UnansweredCall { get; init; }

    /// <summary>Message played after hours.</summary>
    [JsonPropertyName("after_hours")] public string? AfterHours { get; init; }

    /// <summary>IVR message.</summary>
    [JsonPropertyName("ivr")] public string? Ivr { get; init; }

    /// <summary>Voicemail greeting (deprecated by Aircall).</summary>
    [JsonPropertyName("voicemail")] public string? Voicemail { get; init; }

    /// <summary>Closed message (deprecated by Aircall).</summary>
    [JsonPropertyName("closed")] public string? Closed { get; init; }

    /// <summary>Callback-later message.</summary>
    [JsonPropertyName("callback_later")] public string? CallbackLater { get; init; }
}
