using Aircall.CallSync.Models;

namespace Aircall.CallSync.Testing.Webhooks;

/// <summary>A registered webhook and its delivery health. Mutated under the registry's lock.</summary>
internal sealed class SimulatedWebhook
{
    public required string WebhookId { get; init; }

    public required long LegacyId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string Token { get; init; }

    public required string Url { get; set; }

    public string? CustomName { get; set; }

    public List<string> Events { get; set; } = [];

    public bool Active { get; set; } = true;

    /// <summary>The client id of the OAuth app whose token created it; <c>null</c> when Basic credentials or the dashboard did.</summary>
    public string? Owner { get; init; }

    public int ConsecutiveFailures { get; set; }

    public bool Subscribes(string eventName) => Events.Count == 0 || Events.Contains(eventName, StringComparer.Ordinal);

    public Webhook ToModel() => new()
    {
        WebhookId = WebhookId,
        Id = LegacyId,
        DirectLink = Data.Catalog.ApiOrigin + "/v1/webhooks/" + LegacyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        CreatedAt = CreatedAt,
        Url = Url,
        Active = Active,
        Token = Token,
        Events = [.. Events],
        CustomName = CustomName,
    };
}
