using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// <c>GET /v1/integrations/me</c>, <c>POST /v1/integrations/enable</c> and <c>/disable</c>: OAuth only (Basic
/// credentials and the options' fixed access tokens get 403). Enable and disable toggle <c>active</c> and answer the
/// same body.
/// </summary>
internal sealed class IntegrationEndpoints(AircallSimulator simulator)
{
    public async Task HandleAsync(HttpContext context, SimulatedAccount account, SimulatorAccessToken? token, string action, string method)
    {
        if (token is null || simulator.OAuth.FindApp(token.ClientId) is not { } app)
        {
            await Responses.WriteAsync(context, 403, ErrorBodies.Forbidden).ConfigureAwait(false);
            return;
        }

        switch ((action, method))
        {
            case ("me", "GET"):
                break;
            case ("enable", "POST"):
                simulator.OAuth.SetActive(account.CompanyId, true);
                break;
            case ("disable", "POST"):
                simulator.OAuth.SetActive(account.CompanyId, false);
                break;
            default:
                await Responses.RouteNotFoundAsync(context).ConfigureAwait(false);
                return;
        }

        await OAuthBodies.IntegrationAsync(context, app, account, simulator.OAuth.IsActive(account.CompanyId)).ConfigureAwait(false);
    }
}
