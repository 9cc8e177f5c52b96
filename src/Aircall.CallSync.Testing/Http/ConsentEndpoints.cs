using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// The dashboard's side of an install: <c>GET /simulator/dashboard/{companyId}/install</c> (the admin clicks Install: a
/// cookie names the logged-in company, then 302 to the app's install URI), <c>GET /oauth/authorize</c> (auto-approved
/// consent: 302 to the redirect URI with a code and the state; 400 page, never a redirect, for a bad request) and
/// <c>GET /oauth/success</c>.
/// </summary>
internal sealed class ConsentEndpoints(AircallSimulator simulator)
{
    public async Task LaunchInstallAsync(HttpContext context, string companyText)
    {
        if (!long.TryParse(companyText, NumberStyles.None, CultureInfo.InvariantCulture, out var companyId) || simulator.GetAccount(companyId) is null)
        {
            await OAuthBodies.PageAsync(context, 404, "Unknown company", $"No simulated account has company id '{companyText}'.").ConfigureAwait(false);
            return;
        }

        var apps = simulator.OAuth.Apps;
        var clientId = context.Request.Query["client_id"].ToString();
        var app = clientId.Length > 0 ? simulator.OAuth.FindApp(clientId) : apps.Count == 1 ? apps[0] : null;
        if (app is null)
        {
            var why = clientId.Length > 0 ? $"No OAuth app has client_id '{clientId}'."
                : apps.Count == 0 ? "No OAuth app is registered on the simulator." : "Several OAuth apps are registered: add ?client_id=... to choose one.";
            await OAuthBodies.PageAsync(context, 400, "Cannot install", why).ConfigureAwait(false);
            return;
        }

        context.Response.Cookies.Append(SimulatorOAuth.CompanyCookie, companyId.ToString(CultureInfo.InvariantCulture), new CookieOptions
        {
            Path = "/",
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
        });
        Redirect(context, app.InstallUri.AbsoluteUri);
    }

    public async Task AuthorizeAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var clientId = query["client_id"].ToString();
        var redirectUri = query["redirect_uri"].ToString();
        var app = simulator.OAuth.FindApp(clientId);
        var problem = app is null ? (clientId.Length == 0 ? "client_id is missing." : $"Unknown client_id '{clientId}'.")
            : redirectUri.Length == 0 ? "redirect_uri is missing."
            : !SimulatorOAuth.SameUri(app.RedirectUri.AbsoluteUri, redirectUri) ? $"redirect_uri '{redirectUri}' is not the one registered for this app."
            : query["response_type"] != "code" ? "response_type must be 'code'."
            : query["scope"] != "public_api" ? "scope must be 'public_api'."
            : null;
        if (problem is not null)
        {
            await OAuthBodies.PageAsync(context, 400, "Invalid authorization request", problem).ConfigureAwait(false);
            return;
        }

        var company = context.Request.Cookies[SimulatorOAuth.CompanyCookie] ?? query["company_id"].ToString();
        if (string.IsNullOrEmpty(company))
        {
            await OAuthBodies.PageAsync(context, 400, "Not logged in", "No admin is logged in: start from /simulator/dashboard/{companyId}/install, or add company_id=... to the query.").ConfigureAwait(false);
            return;
        }

        if (!long.TryParse(company, NumberStyles.None, CultureInfo.InvariantCulture, out var companyId) || simulator.GetAccount(companyId) is null)
        {
            await OAuthBodies.PageAsync(context, 400, "Unknown company", $"No simulated account has company id '{company}'.").ConfigureAwait(false);
            return;
        }

        var state = query["state"];
        var parameters = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (simulator.OAuth.Refuses(companyId))
        {
            parameters["error"] = "access_denied";
        }
        else
        {
            parameters["code"] = simulator.OAuth.IssueCode(app!, redirectUri, companyId).Code;
        }

        if (state.Count > 0)
        {
            parameters["state"] = state.ToString();
        }

        Redirect(context, QueryHelpers.AddQueryString(redirectUri, parameters));
    }

    public static Task SuccessAsync(HttpContext context)
        => OAuthBodies.PageAsync(context, 200, "Installed", "The app is installed. You can close this page.");

    private static void Redirect(HttpContext context, string location)
    {
        context.Response.StatusCode = 302;
        context.Response.Headers.Location = location;
    }
}
