namespace Aircall.CallSync.Testing;

/// <summary>What <see cref="SimulatorOAuth.UninstallAsync"/> did.</summary>
public sealed record SimulatorUninstall
{
    /// <summary>The company uninstalled from.</summary>
    public required long CompanyId { get; init; }

    /// <summary>How many of its OAuth tokens were revoked (they answer 403 from now on).</summary>
    public required int TokensRevoked { get; init; }

    /// <summary>The ids of its OAuth-created webhooks, which received <c>integration.deleted</c> and were then deleted.</summary>
    public required IReadOnlyList<string> WebhooksDeleted { get; init; }

    /// <summary>Every delivery attempt of <c>integration.deleted</c> (also in <see cref="SimulatorWebhooks.Deliveries"/>).</summary>
    public required IReadOnlyList<WebhookDelivery> Deliveries { get; init; }
}
