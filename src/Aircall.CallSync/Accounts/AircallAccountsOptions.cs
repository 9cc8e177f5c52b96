using Aircall.CallSync.Webhooks;

namespace Aircall.CallSync.Accounts;

/// <summary>
/// Settings of partner accounts (<c>Aircall:Accounts:*</c>): the public URL of your webhook endpoint, which each installed
/// account gets a webhook for, and the first backfill.
/// </summary>
public sealed class AircallAccountsOptions
{
    /// <summary>
    /// The public HTTPS URL of your <c>MapAircallWebhook</c> endpoint (<c>Aircall:Accounts:WebhookUrl</c>), required. Each
    /// installed account gets one webhook there, found again by this URL, so installing twice never duplicates it.
    /// </summary>
    public Uri? WebhookUrl { get; set; }

    /// <summary>The events each account's webhook subscribes to: the 19 call events and <c>integration.deleted</c>
    /// (uninstall), by default.</summary>
    public IList<string> WebhookEvents { get; } = [.. AircallWebhookEvents.CallEvents, AircallWebhookEvents.IntegrationDeleted];

    /// <summary>The webhook's name as Aircall shows it (<c>Aircall:Accounts:WebhookName</c>); <c>null</c> for none.</summary>
    public string? WebhookName { get; set; }

    /// <summary>Whether an install schedules the account's first backfill (<c>Aircall:Accounts:BackfillOnInstall</c>);
    /// default <c>true</c>.</summary>
    public bool BackfillOnInstall { get; set; } = true;

    /// <summary>The calls the default scheduler syncs (<c>Aircall:Accounts:BackfillFrom</c> sets its start); every call
    /// the API serves by default.</summary>
    public CallQuery BackfillQuery { get; set; } = CallQuery.All;

    /// <summary>Names the settings.</summary>
    public override string ToString()
        => $"AircallAccountsOptions (webhook URL: {WebhookUrl?.GetLeftPart(UriPartial.Path) ?? "none"}, events: {WebhookEvents.Count}, backfill on install: {BackfillOnInstall})";
}
