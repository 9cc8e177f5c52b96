using System.Security.Cryptography;
using System.Text;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.OAuth;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the install endpoints of an Aircall partner app.</summary>
public static class AircallInstallEndpointExtensions
{
    /// <summary>The cookie that binds an install's state to the browser that started it (it holds the state's digest).</summary>
    internal const string StateCookieName = "aircall_oauth_state";

    /// <summary>
    /// Maps the install flow (<see cref="AircallInstallFlow"/>): <c>GET <paramref name="installPattern"/></c>, the install URI
    /// Aircall opens when an admin clicks Install, which redirects to Aircall's consent page; and <c>GET
    /// <paramref name="callbackPattern"/></c>, the OAuth callback, which completes the install and redirects to the success
    /// page. The state is also bound to the browser by a short-lived HttpOnly, SameSite=Lax cookie (Secure over HTTPS)
    /// holding its digest. A callback with a missing, forged, expired or replayed state, from another browser, or with a
    /// refused code gets 400 with a short plain-text message and changes nothing; codes, states and tokens are never
    /// echoed. Requires <c>AddAircallCallSync(...).AddPartnerAccounts()</c>.
    /// </summary>
    /// <param name="endpoints">The application's endpoint builder.</param>
    /// <param name="installPattern">The install URI's route, registered with Aircall as <c>install_uri</c>.</param>
    /// <param name="callbackPattern">The callback's route; <c>null</c> (default) for the path of
    /// <c>Aircall:OAuth:RedirectUri</c>.</param>
    /// <returns>A builder that applies conventions to both endpoints.</returns>
    public static IEndpointConventionBuilder MapAircallInstall(this IEndpointRouteBuilder endpoints, string installPattern = "/aircall/install", string? callbackPattern = null)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(installPattern);
        if (endpoints.ServiceProvider.GetService<AircallInstallFlow>() is null)
        {
            throw new InvalidOperationException(
                "MapAircallInstall needs the partner services: call services.AddAircallCallSync(...).AddPartnerAccounts() and register an ICallStore.");
        }

        callbackPattern ??= endpoints.ServiceProvider.GetRequiredService<IOptions<AircallOAuthOptions>>().Value.RedirectUri?.AbsolutePath
            ?? throw new InvalidOperationException("Aircall:OAuth:RedirectUri is not set, so the callback's route is unknown: set it, or pass callbackPattern.");
        var install = endpoints.MapGet(installPattern, BeginAsync).WithDisplayName("Aircall install");
        var callback = endpoints.MapGet(callbackPattern, CompleteAsync).WithDisplayName("Aircall OAuth callback");
        return new Conventions(install, callback);
    }

    internal static async Task BeginAsync(HttpContext context)
    {
        var flow = context.RequestServices.GetRequiredService<AircallInstallFlow>();
        var request = await flow.BeginAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.Cookies.Append(StateCookieName, DigestText(request.State), CookieOptions(context, request.ExpiresAt));
        NoStore(context);
        context.Response.Redirect(request.Url.AbsoluteUri);
    }

    internal static async Task CompleteAsync(HttpContext context)
    {
        NoStore(context);
        var query = context.Request.Query;
        var cookie = context.Request.Cookies[StateCookieName];
        if (cookie is not null)
        {
            context.Response.Cookies.Delete(StateCookieName, CookieOptions(context, null));
        }

        if (!Single(query["state"], out var state) || !Single(query["code"], out var code) || !Single(query["error"], out var error))
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest, "The callback repeats a parameter: start the install again from Aircall's dashboard.").ConfigureAwait(false);
            return;
        }

        if (state is null || cookie is null || !SameDigest(cookie, state))
        {
            await WriteAsync(context, StatusCodes.Status400BadRequest,
                "This install did not start in this browser, or its link expired or was already used: start the install again from Aircall's dashboard.").ConfigureAwait(false);
            return;
        }

        var flow = context.RequestServices.GetRequiredService<AircallInstallFlow>();
        var result = await flow.CompleteAsync(code, state, error, context.RequestAborted).ConfigureAwait(false);
        if (result.IsSuccess && result.RedirectUri is { } next)
        {
            context.Response.Redirect(next.AbsoluteUri);
            return;
        }

        await WriteAsync(context, result.IsSuccess ? StatusCodes.Status200OK : result.StatusCode, result.Message).ConfigureAwait(false);
    }

    private static CookieOptions CookieOptions(HttpContext context, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        Secure = context.Request.IsHttps,
        SameSite = SameSiteMode.Lax,
        Path = "/",
        Expires = expires,
        IsEssential = true,
    };

    private static bool Single(StringValues values, out string? value)
    {
        value = values.Count == 1 ? values[0] : null;
        return values.Count <= 1;
    }

    private static string DigestText(string state) => OAuthState.DigestText(state);

    private static bool SameDigest(string cookie, string state)
    {
        if (state.Length > OAuthState.MaxLength)
        {
            return false;
        }

        var expected = Encoding.ASCII.GetBytes(DigestText(state));
        var received = Encoding.ASCII.GetBytes(cookie);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    private static void NoStore(HttpContext context)
    {
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["Referrer-Policy"] = "no-referrer";
    }

    private static Task WriteAsync(HttpContext context, int statusCode, string message)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, context.RequestAborted);
    }

    /// <summary>Applies each convention to both endpoints.</summary>
    private sealed class Conventions(IEndpointConventionBuilder install, IEndpointConventionBuilder callback) : IEndpointConventionBuilder
    {
        public void Add(Action<EndpointBuilder> convention)
        {
            install.Add(convention);
            callback.Add(convention);
        }

        public void Finally(Action<EndpointBuilder> finallyConvention)
        {
            install.Finally(finallyConvention);
            callback.Finally(finallyConvention);
        }
    }
}
