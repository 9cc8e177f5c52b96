using System.Text.Json.Serialization;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>
/// A shared Aircall contact matched to a call (complete only when the call was fetched with <c>fetch_contact</c>).
/// </summary>
public sealed class Contact
{
    /// <summary>The contact's id.</summary>
    [JsonPropertyName("id")] public long? Id { get; init; }

    /// <summary>The API URL of the contact.</summary>
    [JsonPropertyName("direct_link")] public string? DirectLink { get; init; }

    /// <summary>First name.</summary>
    [JsonPropertyName("first_name")] public string? FirstName { get; init; }

    /// <summary>Last name.</summary>
    [JsonPropertyName("last_name")] public string? LastName { get; init; }

    /// <summary>Company name.</summary>
    [JsonPropertyName("company_name")] public string? CompanyName { get; init; }

    /// <summary>Free-text description.</summary>
    [JsonPropertyName("description")] public string? Description { get; init; }

    /// <summary>Free-text information.</summary>
    [JsonPropertyName("information")] public string? Information { get; init; }

    /// <summary>Whether the contact is shared (every contact the API sees is).</summary>
    [JsonPropertyName("is_shared")] public bool? IsShared { get; init; }

    /// <summary>Phone numbers.</summary>
    [JsonPropertyName("phone_numbers")] public IReadOnlyList<ContactDetail>? PhoneNumbers { get; init; }

    /// <summary>Email addresses.</summary>
    [JsonPropertyName("emails")] public IReadOnlyList<ContactDetail>? Emails { get; init; }

    /// <summary>When the contact was created (UNIX seconds in real payloads; ISO strings accepted).</summary>
    [JsonPropertyName("created_at"), JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? CreatedAt { get; init; }

    /// <summary>When the contact was last updated (UNIX seconds in real payloads; ISO strings accepted).</summary>
    [JsonPropertyName("updated_at"), JsonConverter(typeof(UnixSecondsConverter))]
    public DateTimeOffset? UpdatedAt { get; init; }
}
