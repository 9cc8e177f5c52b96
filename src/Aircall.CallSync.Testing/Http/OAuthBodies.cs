using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using Aircall.CallSync.Testing.Data;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>The bodies of the OAuth endpoints: RFC 6749 errors as Doorkeeper words them, the token, the integration, HTML pages.</summary>
internal static class OAuthBodies
{
    public const string InvalidClient = "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.";

    public const string InvalidGrant = "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";

    public const string RedirectMismatch = "The redirect_uri does not match the redirection URI used in the authorization request.";

    public const string UnsupportedGrantType = "The authorization grant type is not supported by the authorization server.";

    /// <summary><c>{"error":...,"error_description":...}</c> with <c>Cache-Control: no-store</c>.</summary>
    public static Task ErrorAsync(HttpContext context, int status, string error, string description)
        => WriteAsync(context, status, writer =>
        {
            writer.WriteString("error", error);
            writer.WriteString("error_description", description);
        });

    public static Task TokenAsync(HttpContext context, SimulatorAccessToken token)
        => WriteAsync(context, 200, writer =>
        {
            writer.WriteString("access_token", token.AccessToken);
            writer.WriteString("token_type", "Bearer");
            writer.WriteString("scope", "public_api");
            writer.WriteNumber("created_at", token.IssuedAt.ToUnixTimeSeconds());
        });

    /// <summary><c>{"integration":{...}}</c> as <c>GET /v1/integrations/me</c> answers it.</summary>
    public static Task IntegrationAsync(HttpContext context, SimulatorOAuthApp app, SimulatedAccount account, bool active)
        => WriteAsync(context, 200, writer =>
        {
            writer.WriteStartObject("integration");
            writer.WriteString("name", app.Name);
            writer.WriteNull("custom_name");
            writer.WriteNull("logo");
            writer.WriteNumber("company_id", account.CompanyId);
            writer.WriteString("status", "installed");
            writer.WriteBoolean("active", active);
            writer.WriteStartArray("number_ids");
            foreach (var id in account.NumberIds)
            {
                writer.WriteNumberValue(id);
            }

            writer.WriteEndArray();
            writer.WriteNumber("numbers_count", account.NumberIds.Count);
            var admin = Catalog.User(0);
            writer.WriteStartObject("user");
            writer.WriteNumber("id", admin.Id ?? 0);
            writer.WriteString("name", admin.Name);
            writer.WriteString("email", admin.Email);
            writer.WriteEndObject();
            writer.WriteEndObject();
        });

    /// <summary>A small HTML page (the consent errors and the success page).</summary>
    public static async Task PageAsync(HttpContext context, int status, string title, string message)
    {
        var html = $"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head>"
            + $"<body><h1>{WebUtility.HtmlEncode(title)}</h1><p>{WebUtility.HtmlEncode(message)}</p></body></html>";
        var body = Encoding.UTF8.GetBytes(html);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task WriteAsync(HttpContext context, int status, Action<Utf8JsonWriter> properties)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            properties(writer);
            writer.WriteEndObject();
        }

        context.Response.Headers.CacheControl = "no-store";
        return Responses.WriteAsync(context, status, buffer.WrittenSpan.ToArray());
    }
}
