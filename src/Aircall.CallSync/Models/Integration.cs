using System.Text.Json.Serialization;

namespace Aircall.CallSync.Models;

/// <summary>
/// Your app's integration in one Aircall company, as <c>GET /v1/integrations/me</c> answers it for the company's OAuth
/// token. Every field may be absent.
/// </summary>
public sealed class Integration
{
    /// <summary>The integration's name (your app's name).</summary>
    [JsonPropertyName("name")] public string? Name { get; init; }

    /// <summary>The name the company's admin gave it, if any.</summary>
    [JsonPropertyName("custom_name")] public string? CustomName { get; init; }

    /// <summary>The logo URL, if any.</summary>
    [JsonPropertyName("logo")] public string? Logo { get; init; }

    /// <summary>The Aircall company the token opens: the install flow's account id, in invariant digits.</summary>
    [JsonPropertyName("company_id")] public long? CompanyId { get; init; }

    /// <summary>The install status, <c>installed</c> for a working install.</summary>
    [JsonPropertyName("status")] public string? Status { get; init; }

    /// <summary>Whether the integration is enabled (see <c>IIntegrationsApi.EnableAsync</c>/<c>DisableAsync</c>).</summary>
    [JsonPropertyName("active")] public bool? Active { get; init; }

    /// <summary>The numbers the admin connected to the integration: call events come for these.</summary>
    [JsonPropertyName("number_ids")] public IReadOnlyList<long>? NumberIds { get; init; }

    /// <summary>How many numbers are connected.</summary>
    [JsonPropertyName("numbers_count")] public int? NumbersCount { get; init; }

    /// <summary>The admin who installed it.</summary>
    [JsonPropertyName("user")] public User? User { get; init; }
}
