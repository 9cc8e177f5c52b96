using Refit;

namespace Aircall.CallSync.Api;

/// <summary>
/// Aircall's <c>/v1/integrations</c> endpoints, for OAuth (Bearer) clients only: a Basic-auth client gets 403.
/// Implementations are thread-safe.
/// </summary>
[Headers("Accept: application/json")]
public interface IIntegrationsApi
{
    /// <summary><c>GET /v1/integrations/me</c>: the integration the access token belongs to (company id, numbers).</summary>
    [Get("/v1/integrations/me")]
    Task<IntegrationEnvelope> GetCurrentAsync(CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/integrations/enable</c>: turns the integration on for the company.</summary>
    /// <param name="install">Aircall's optional <c>install=true</c>, for an integration enabled as part of its install.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    [Post("/v1/integrations/enable")]
    Task<IntegrationEnvelope> EnableAsync([AliasAs("install")] bool? install = null, CancellationToken cancellationToken = default);

    /// <summary><c>POST /v1/integrations/disable</c>: turns the integration off (it stays installed).</summary>
    [Post("/v1/integrations/disable")]
    Task<IntegrationEnvelope> DisableAsync(CancellationToken cancellationToken = default);
}
