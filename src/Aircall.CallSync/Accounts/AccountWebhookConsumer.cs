using System.Globalization;
using Aircall.CallSync.Diagnostics;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aircall.CallSync.Accounts;

/// <summary>
/// Handles <c>integration.deleted</c> for partner accounts (the account the delivery's token resolved to, when the event
/// names that account's company), then passes every event on to the application's own consumer, if any.
/// </summary>
internal sealed class AccountWebhookConsumer : IWebhookEventConsumer
{
    private readonly AccountLifecycle _lifecycle;
    private readonly IWebhookEventConsumer? _next;
    private readonly ILogger _logger;

    public AccountWebhookConsumer(AccountLifecycle lifecycle, IWebhookEventConsumer? next, ILogger? logger = null)
    {
        _lifecycle = lifecycle;
        _next = next;
        _logger = logger ?? NullLogger.Instance;
    }

    internal IWebhookEventConsumer? Next => _next;

    public async ValueTask HandleAsync(AircallWebhookEvent webhookEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        if (string.Equals(webhookEvent.Event, AircallWebhookEvents.IntegrationDeleted, StringComparison.Ordinal) && webhookEvent.AccountId is { } accountId)
        {
            var removal = webhookEvent.IntegrationRemoval;
            var account = await _lifecycle.Store.FindAsync(accountId, cancellationToken).ConfigureAwait(false);
            if (account is not null)
            {
                if (removal?.CompanyId is { } company && account.CompanyId is { } own && company != own)
                {
                    Log.UninstallCompanyMismatch(_logger, company.ToString(CultureInfo.InvariantCulture), accountId, own.ToString(CultureInfo.InvariantCulture));
                }
                else
                {
                    await _lifecycle.UninstallAsync(accountId, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (_next is not null)
        {
            await _next.HandleAsync(webhookEvent, cancellationToken).ConfigureAwait(false);
        }
    }
}
