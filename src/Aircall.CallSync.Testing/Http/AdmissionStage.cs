using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// The first stage of every request: authentication (401 without credentials, 403 with wrong ones, as Aircall) and the
/// account's rate limit (429 and the <c>X-AircallApi-*</c> headers).
/// </summary>
internal sealed class AdmissionStage(AircallSimulator simulator)
{
    /// <summary>
    /// The account the request may act for and its rate-limit decision, or <c>null</c> once the request has been answered
    /// (401, 403 or 429). The account, once known, is also left in <c>HttpContext.Items</c> for the request's record.
    /// </summary>
    public async Task<(SimulatedAccount Account, RateLimitDecision Limit)?> AdmitAsync(HttpContext context, DateTimeOffset time)
    {
        var account = Authenticate(context, context.Request.Headers.Authorization, out var authStatus);
        if (account is null)
        {
            await Responses.WriteAsync(context, authStatus, authStatus == 401 ? ErrorBodies.Unauthorized : ErrorBodies.Forbidden).ConfigureAwait(false);
            return null;
        }

        context.Items[typeof(SimulatedAccount)] = account;
        var limit = account.Limiter.Check(time);
        if (simulator.Options.SendRateLimitHeaders && (!limit.Allowed || simulator.Options.RateLimitHeadersOnEveryResponse))
        {
            WriteRateLimitHeaders(context.Response, limit);
        }

        if (!limit.Allowed)
        {
            simulator.CountRateLimited();
            await Responses.TooManyRequestsAsync(context).ConfigureAwait(false);
            return null;
        }

        return (account, limit);
    }

    private SimulatedAccount? Authenticate(HttpContext context, StringValues header, out int status)
    {
        var value = header.ToString();
        status = 403;
        if (string.IsNullOrWhiteSpace(value))
        {
            status = 401;
            return null;
        }

        if (value.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateBasic(value[6..].Trim());
        }

        return value.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? AuthenticateBearer(context, value[7..].Trim()) : null;
    }

    /// <summary>A token of the token endpoint (revoked: none), else an account's fixed access token.</summary>
    private SimulatedAccount? AuthenticateBearer(HttpContext context, string token)
    {
        if (simulator.OAuth.FindToken(token) is { } issued)
        {
            context.Items[typeof(SimulatorAccessToken)] = issued;
            return simulator.GetAccount(issued.CompanyId);
        }

        return simulator.FindAccount(token);
    }

    private SimulatedAccount? AuthenticateBasic(string encoded)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            return colon < 0 ? null : simulator.FindAccount(decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private void WriteRateLimitHeaders(HttpResponse response, RateLimitDecision limit)
    {
        if (limit.Limit <= 0)
        {
            return;
        }

        response.Headers["X-AircallApi-Limit"] = limit.Limit.ToString(CultureInfo.InvariantCulture);
        response.Headers["X-AircallApi-Remaining"] = limit.Remaining.ToString(CultureInfo.InvariantCulture);
        var reset = simulator.Options.RateLimitResetInMilliseconds
            ? limit.Reset.ToUnixTimeMilliseconds()
            : (limit.Reset.ToUnixTimeMilliseconds() + 999) / 1000; // rounded up: waiting until then is always enough
        response.Headers["X-AircallApi-Reset"] = reset.ToString(CultureInfo.InvariantCulture);
    }
}
