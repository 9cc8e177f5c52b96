using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// The endpoints that take no account credentials, routed before admission (no rate limit): the consent pages
/// (<see cref="ConsentEndpoints"/>), the token endpoint (<see cref="TokenEndpoint"/>; scripted faults apply to it) and
/// the simulator's control endpoints (<see cref="ControlEndpoints"/>).
/// </summary>
internal sealed class OpenEndpoints(AircallSimulator simulator)
{
    private readonly ConsentEndpoints _consent = new(simulator);
    private readonly TokenEndpoint _token = new(simulator);
    private readonly ControlEndpoints _control = new(simulator);

    /// <summary>The route's handler, or <c>null</c> when the request is for an authenticated endpoint.</summary>
    public Func<Task>? Match(HttpContext context, out bool isTokenEndpoint)
    {
        var path = context.Request.Path.Value ?? string.Empty;
        var method = context.Request.Method;
        var segments = path.Trim('/').Split('/');
        isTokenEndpoint = false;
        switch (segments)
        {
            case ["v1", "oauth", "token"] when method == "POST":
                isTokenEndpoint = true;
                return () => _token.HandleAsync(context);
            case ["oauth", "authorize"] when method == "GET":
                return () => _consent.AuthorizeAsync(context);
            case ["oauth", "success"] when method == "GET":
                return () => ConsentEndpoints.SuccessAsync(context);
            case ["simulator", "dashboard", var company, "install"] when method == "GET":
                return () => _consent.LaunchInstallAsync(context, company);
            case ["simulator", "accounts"] when method == "GET":
                return () => _control.AccountsAsync(context);
            case ["simulator", "accounts", var company, "uninstall"] when method == "POST":
                return () => _control.UninstallAsync(context, company);
            case ["simulator", "oauth", "revoke"] when method == "POST":
                return () => _control.RevokeAsync(context);
            case ["oauth", ..] or ["simulator", ..]:
                return () => Responses.RouteNotFoundAsync(context);
            default:
                return null;
        }
    }
}
