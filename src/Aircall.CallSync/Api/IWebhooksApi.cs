using Refit;

namespace Aircall.CallSync.Api;

/// <summary>
/// Aircall's <c>/v1/webhooks</c> endpoints. Webhooks created with an OAuth token are visible only to that token.
/// Implementations are thread-safe.
/// </summary>
[Headers("Accept: application/json")]
public interface IWebhooksApi
{
    /// <summary><c>GET /v1/webhooks</c>: one page of webhooks.</summary>
    [Get("/v1/webhooks")]
    Task<WebhookList> ListAsync([Query] ListParameters? parameters = null, CancellationToken cancellationToken = default);

    /// <summary><c>GET /v1/webhooks/{webhook_id}</c> (includes the token).</summary>
    [Get("/v1/webhooks/{webhookId}")]
    Task<WebhookEnvelope> GetAsync(string webhookId, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/webhooks</c>; Aircall allows 100 webhooks a company and requires an HTTPS URL.</summary>
    [Post("/v1/webhooks")]
    Task<WebhookEnvelope> CreateAsync([Body] WebhookRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// <c>PUT /v1/webhooks/{webhook_id}</c>. Without <c>events</c> the webhook is re-subscribed to all events;
    /// <paramref name="eventsAction"/> (<c>add</c> or <c>remove</c>) changes events instead of replacing them.
    /// </summary>
    [Put("/v1/webhooks/{webhookId}")]
    Task<WebhookEnvelope> UpdateAsync(string webhookId, [Body] WebhookRequest request, [AliasAs("events_action")] string? eventsAction = null, CancellationToken cancellationToken = default);

    /// <summary><c>DELETE /v1/webhooks/{webhook_id}</c>.</summary>
    [Delete("/v1/webhooks/{webhookId}")]
    Task DeleteAsync(string webhookId, CancellationToken cancellationToken = default);
}
