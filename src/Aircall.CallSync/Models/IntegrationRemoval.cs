using System.Text.Json.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>
/// The data of an <c>integration.deleted</c> event: an admin uninstalled your OAuth integration from an Aircall company.
/// Aircall sends it only to webhooks created with OAuth credentials; stop syncing that account and forget its tokens.
/// </summary>
public sealed class IntegrationRemoval
{
    /// <summary>The integration's id (<c>integration_id</c>).</summary>
    [JsonPropertyName("integration_id")] public long? IntegrationId { get; init; }

    /// <summary>The Aircall company it was removed from (<c>company_id</c>).</summary>
    [JsonPropertyName("company_id")] public long? CompanyId { get; init; }
}
