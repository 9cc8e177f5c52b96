using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// <c>POST /v1/oauth/token</c>: an authorization code for a permanent access token. The body is JSON (as Aircall's
/// example apps send it) or a form; the client authenticates with <c>client_id</c>/<c>client_secret</c> in the body or
/// with HTTP Basic. Errors are RFC 6749's, worded as Doorkeeper words them. A code is used once, within
/// <see cref="SimulatorOAuth.CodeLifetime"/>, by the client it was issued to, with the same redirect URI; a failed
/// exchange does not use it up.
/// </summary>
internal sealed class TokenEndpoint(AircallSimulator simulator)
{
    private static readonly string[] s_required = ["grant_type", "code", "redirect_uri", "client_id", "client_secret"];

    public async Task HandleAsync(HttpContext context)
    {
        var fields = await ReadFieldsAsync(context).ConfigureAwait(false);
        if (fields is null)
        {
            await OAuthBodies.ErrorAsync(context, 400, "invalid_request", "The request body must be JSON (application/json) or a form (application/x-www-form-urlencoded).").ConfigureAwait(false);
            return;
        }

        AddBasicClient(context, fields);
        if (fields.TryGetValue("grant_type", out var grantType) && grantType != "authorization_code")
        {
            await OAuthBodies.ErrorAsync(context, 400, "unsupported_grant_type", OAuthBodies.UnsupportedGrantType).ConfigureAwait(false);
            return;
        }

        var missing = Array.FindAll(s_required, f => !fields.ContainsKey(f));
        if (missing.Length > 0)
        {
            await OAuthBodies.ErrorAsync(context, 400, "invalid_request", $"The request is missing a required parameter: {string.Join(", ", missing)}.").ConfigureAwait(false);
            return;
        }

        var app = simulator.OAuth.FindApp(fields["client_id"]);
        if (app is null || !FixedTimeEquals(app.ClientSecret, fields["client_secret"]))
        {
            await OAuthBodies.ErrorAsync(context, 401, "invalid_client", OAuthBodies.InvalidClient).ConfigureAwait(false);
            return;
        }

        var (token, redirectMismatch) = simulator.OAuth.Exchange(app.ClientId, fields["code"], fields["redirect_uri"]);
        await (token is not null ? OAuthBodies.TokenAsync(context, token)
            : OAuthBodies.ErrorAsync(context, 400, "invalid_grant", redirectMismatch ? OAuthBodies.RedirectMismatch : OAuthBodies.InvalidGrant)).ConfigureAwait(false);
    }

    /// <summary>The body's non-empty string fields, or <c>null</c> when the body is neither JSON nor a form.</summary>
    private static async Task<Dictionary<string, string>?> ReadFieldsAsync(HttpContext context)
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Request.HasFormContentType)
        {
            var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
            foreach (var (key, value) in form)
            {
                if (value.ToString() is { Length: > 0 } text)
                {
                    fields[key] = text;
                }
            }

            return fields;
        }

        try
        {
            using var json = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var property in json.RootElement.EnumerateObject())
            {
                if (property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 } text)
                {
                    fields[property.Name] = text;
                }
            }

            return fields;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>RFC 6749 §2.3.1: the client may authenticate with HTTP Basic instead of body fields.</summary>
    private static void AddBasicClient(HttpContext context, Dictionary<string, string> fields)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            var colon = decoded.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                fields.TryAdd("client_id", Uri.UnescapeDataString(decoded[..colon]));
                fields.TryAdd("client_secret", Uri.UnescapeDataString(decoded[(colon + 1)..]));
            }
        }
        catch (FormatException)
        {
        }
    }

    private static bool FixedTimeEquals(string expected, string actual)
        => System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
