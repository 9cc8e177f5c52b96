using System.Text.Json.Serialization;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>
/// An Aircall user (agent) as embedded in a call, a comment (<c>posted_by</c>) or a tag (<c>tagged_by</c>). Which
/// fields are present depends on where the user is embedded; every field may be absent, and <c>tagged_by</c> can be an
/// empty object for system tags, in which case every property is <c>null</c>.
/// </summary>
public sealed class User
{
    /// <summary>The user's id; <c>null</c> when absent (for example <c>tagged_by: {}</c>).</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary>The API URL of the user (not a UI link).</summary>
    [JsonPropertyName("direct_link")] public string? DirectLink { get; init; }

    /// <summary>The user's display name.</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The user's email address.</summary>
    [JsonPropertyName("email")] public string? Email { get; init; }

    /// <summary>Whether the user was available when the payload was built.</summary>
    [JsonPropertyName("available")] public bool? Available { get; init; }

    /// <summary><c>available</c>, <c>custom</c>, <c>unavailable</c> or a substatus variant.</summary>
    [JsonPropertyName("availability_status")] public string? AvailabilityStatus { get; init; }

    /// <summary>Fine-grained availability (full user objects only).</summary>
    [JsonPropertyName("substatus")] public string? Substatus { get; init; }

    /// <summary>When the user was created (ISO-8601 on the wire; sometimes omitted).</summary>
    [JsonPropertyName("created_at"), JsonConverter(typeof(IsoTimestampConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>IANA time zone, <c>Etc/UTC</c> by default.</summary>
    [JsonPropertyName("time_zone")] public string? TimeZone { get; init; }

    /// <summary>IETF language tag, <c>en-US</c> by default.</summary>
    [JsonPropertyName("language")] public string? Language { get; init; }

    /// <summary>Wrap-up time after a call, in seconds.</summary>
    [JsonPropertyName("wrap_up_time")] public int? WrapUpTime { get; init; }

    /// <summary>The user's extension (full user objects only).</summary>
    [JsonPropertyName("extension"), JsonConverter(typeof(LenientStringConverter))] public string? Extension { get; init; }

    /// <summary>The user's state (full user objects only).</summary>
    [JsonPropertyName("state")] public string? State { get; init; }

    /// <summary>The Aircall numbers the user is assigned to (v1 full user objects, e.g. in <c>user.*</c> events).</summary>
    [JsonPropertyName("numbers")] public IReadOnlyList<Number>? Numbers { get; init; }
}
