using Aircall.CallSync.Api;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;
using Aircall.CallSync.Testing.Webhooks;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// Webhooks CRUD, <c>/v1/webhooks[/{id}]</c>: list (paged), create (201, 100 per account at most), get, update
/// (<c>events_action=add|remove</c>, <c>active: true</c> re-activates) and delete (204). A webhook created with an OAuth
/// token is seen only by tokens of the same app; Basic callers see the others (the <c>owner</c> arguments: the client id
/// of the caller's OAuth app, or <c>null</c>).
/// </summary>
internal sealed class WebhookEndpoints(AircallSimulator simulator)
{
    public static async Task ListAsync(HttpContext context, SimulatedAccount account, string? owner)
    {
        var error = Paging.TryRead(context.Request.Query, out var page, out var perPage);
        if (error is not null)
        {
            await Responses.BadRequestAsync(context, error).ConfigureAwait(false);
            return;
        }

        var (total, webhooks) = account.WebhookRegistry.List((page - 1) * perPage, perPage, context.Request.Query["order"] == "desc", owner);
        var meta = Paging.Meta(context.Request, page, perPage, webhooks.Length, total);
        await ListWriter.WriteAsync(context, "webhooks", webhooks, AircallJsonContext.Default.Webhook, meta).ConfigureAwait(false);
    }

    public async Task CreateAsync(HttpContext context, SimulatedAccount account, string? owner)
    {
        var request = await RequestBodies.ReadAsync(context, AircallJsonContext.Default.WebhookRequest).ConfigureAwait(false);
        if (request is null || !Uri.TryCreate(request.Url, UriKind.Absolute, out var url) || !WebhookRegistry.IsDeliverable(url))
        {
            await Responses.BadRequestAsync(context, "url is required and must be an absolute HTTPS URL").ConfigureAwait(false);
            return;
        }

        var webhook = account.WebhookRegistry.Create(request, simulator.TimeProvider.GetUtcNow(), owner: owner);
        await (webhook is null
            ? Responses.BadRequestAsync(context, "A company can register 100 webhooks at most")
            : WriteAsync(context, 201, webhook)).ConfigureAwait(false);
    }

    public static Task GetAsync(HttpContext context, SimulatedAccount account, string id, string? owner)
        => WriteOrNotFoundAsync(context, id, account.WebhookRegistry.Get(id, owner));

    public static async Task UpdateAsync(HttpContext context, SimulatedAccount account, string id, string? owner)
    {
        var request = await RequestBodies.ReadAsync(context, AircallJsonContext.Default.WebhookRequest).ConfigureAwait(false) ?? new WebhookRequest();
        var action = context.Request.Query["events_action"].ToString();
        var webhook = account.WebhookRegistry.Update(id, request, action.Length == 0 ? null : action, owner);
        await WriteOrNotFoundAsync(context, id, webhook).ConfigureAwait(false);
    }

    public static Task DeleteAsync(HttpContext context, SimulatedAccount account, string id, string? owner)
        => account.WebhookRegistry.Delete(id, owner) ? Responses.WriteAsync(context, 204, null) : NotFoundAsync(context, id);

    private static Task WriteOrNotFoundAsync(HttpContext context, string id, Webhook? webhook)
        => webhook is null ? NotFoundAsync(context, id) : WriteAsync(context, 200, webhook);

    private static Task WriteAsync(HttpContext context, int status, Webhook webhook)
        => Responses.WriteJsonAsync(context, status, new WebhookEnvelope { Webhook = webhook }, AircallJsonContext.Default.WebhookEnvelope);

    private static Task NotFoundAsync(HttpContext context, string id) => Responses.NotFoundAsync(context, "Webhook " + id);
}
