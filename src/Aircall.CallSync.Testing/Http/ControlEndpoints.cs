using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// The simulator's own endpoints, for tests that drive a simulator running in another process (no credentials: it
/// listens on loopback only): <c>GET /simulator/accounts</c> (company ids, api ids, call counts),
/// <c>POST /simulator/accounts/{companyId}/uninstall[?client_id=]</c> and <c>POST /simulator/oauth/revoke</c> (body
/// <c>{"token":"..."}</c> or a form: revokes one access token without uninstalling).
/// </summary>
internal sealed class ControlEndpoints(AircallSimulator simulator)
{
    public Task AccountsAsync(HttpContext context)
        => OAuthBodies.WriteAsync(context, 200, writer =>
        {
            writer.WriteStartArray("accounts");
            foreach (var account in simulator.Accounts)
            {
                writer.WriteStartObject();
                writer.WriteNumber("company_id", account.CompanyId);
                writer.WriteString("api_id", account.ApiId);
                writer.WriteNumber("calls", account.CallCount);
                writer.WriteNumber("oauth_tokens", simulator.OAuth.TokensOf(account.CompanyId).Count(t => t.RevokedAt is null));
                writer.WriteNumber("webhooks", account.GetWebhooks().Count);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });

    public async Task UninstallAsync(HttpContext context, string companyText)
    {
        if (!long.TryParse(companyText, NumberStyles.None, CultureInfo.InvariantCulture, out var companyId) || simulator.GetAccount(companyId) is null)
        {
            await Responses.NotFoundAsync(context, "Company " + companyText).ConfigureAwait(false);
            return;
        }

        var clientId = context.Request.Query["client_id"].ToString();
        var result = await simulator.OAuth.UninstallAsync(companyId, clientId.Length == 0 ? null : clientId, context.RequestAborted).ConfigureAwait(false);
        await OAuthBodies.WriteAsync(context, 200, writer =>
        {
            writer.WriteNumber("company_id", result.CompanyId);
            writer.WriteNumber("tokens_revoked", result.TokensRevoked);
            writer.WriteStartArray("webhooks_deleted");
            foreach (var id in result.WebhooksDeleted)
            {
                writer.WriteStringValue(id);
            }

            writer.WriteEndArray();
            writer.WriteNumber("deliveries_succeeded", result.Deliveries.Count(d => d.Succeeded));
            writer.WriteNumber("deliveries_failed", result.Deliveries.Count(d => !d.Succeeded));
        }).ConfigureAwait(false);
    }

    public async Task RevokeAsync(HttpContext context)
    {
        string? token = null;
        if (context.Request.HasFormContentType)
        {
            token = (await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false))["token"].ToString();
        }
        else
        {
            try
            {
                using var json = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
                token = json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("token", out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()
                    : null;
            }
            catch (JsonException)
            {
            }
        }

        if (string.IsNullOrEmpty(token))
        {
            await Responses.BadRequestAsync(context, "Send {\"token\":\"<access token>\"} as JSON or token=... as a form").ConfigureAwait(false);
            return;
        }

        var revoked = simulator.OAuth.RevokeToken(token);
        await OAuthBodies.WriteAsync(context, revoked ? 200 : 404, writer => writer.WriteBoolean("revoked", revoked)).ConfigureAwait(false);
    }
}
