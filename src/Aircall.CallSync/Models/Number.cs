using System.Text.Json.Serialization;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>The Aircall line a call used (not the customer's number). Every field may be absent.</summary>
public sealed class Number
{
    /// <summary>The number's id.</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary>The API URL of the number.</summary>
    [JsonPropertyName("direct_link")] public string? DirectLink { get; init; }

    /// <summary>The number's name in Aircall.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>International format with spaces, e.g. <c>+33 1 76 36 06 95</c>; not E.164.</summary>
    [JsonPropertyName("digits")] public string? Digits { get; init; }

    /// <summary>E.164 form, e.g. <c>+18001234567</c>; only webhooks carry it.</summary>
    [JsonPropertyName("e164_digits")] public string? E164Digits { get; init; }

    /// <summary>When the number was created (ISO-8601 on the wire).</summary>
    [JsonPropertyName("created_at"), JsonConverter(typeof(IsoTimestampConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>ISO 3166 alpha-2 country code.</summary>
    [JsonPropertyName("country")] public string? Country { get; init; }

    /// <summary>IANA time zone of the number.</summary>
    [JsonPropertyName("time_zone")] public string? TimeZone { get; init; }

    /// <summary>Whether the number is open (deprecated for Smartflows).</summary>
    [JsonPropertyName("open")] public bool? Open { get; init; }

    /// <summary><c>open</c>, <c>custom</c> or <c>closed</c>.</summary>
    [JsonPropertyName("availability_status")] public string? AvailabilityStatus { get; init; }

    /// <summary>Whether the number has an IVR (deprecated).</summary>
    [JsonPropertyName("is_ivr")] public bool? IsIvr { get; init; }

    /// <summary>Whether calls on this number are recorded.</summary>
    [JsonPropertyName("live_recording_activated")] public bool? LiveRecordingActivated { get; init; }

    /// <summary>Routing priority: <c>null</c>, 0 or 1.</summary>
    [JsonPropertyName("priority")] public int? Priority { get; init; }

    /// <summary>Users attached to the number.</summary>
    [JsonPropertyName("users")] public IReadOnlyList<User>? Users { get; init; }

    /// <summary>Audio messages configured on the number.</summary>
    [JsonPropertyName("messages")] public NumberMessages? Messages { get; init; }
}
