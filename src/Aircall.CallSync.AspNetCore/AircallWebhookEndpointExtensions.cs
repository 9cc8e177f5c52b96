using Aircall.CallSync.AspNetCore;
using Aircall.CallSync.Webhooks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps the Aircall webhook endpoint.</summary>
public static class AircallWebhookEndpointExtensions
{
    /// <summary>
    /// Maps <c>POST <paramref name="pattern"/></c> to <see cref="AircallWebhookProcessor"/>. Answers 200 once the store has
    /// the event (or already had newer state, or the event is not a call event), 401 for a missing or unknown token, 400
    /// for a body that is not a webhook envelope, 413 over <c>Aircall:Webhooks:MaxBodyBytes</c>, and 503 when the store
    /// fails or is slower than <c>Aircall:Webhooks:StoreTimeout</c>, so Aircall retries and nothing is lost.
    /// Requires <c>AddAircallCallSync(...).AddWebhooks()</c> and a registered <c>ICallStore</c>.
    /// </summary>
    /// <param name="endpoints">The application's endpoint builder.</param>
    /// <param name="pattern">The route, e.g. <c>/aircall/webhook</c>.</param>
    public static IEndpointConventionBuilder MapAircallWebhook(this IEndpointRouteBuilder endpoints, string pattern = "/aircall/webhook")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        if (endpoints.ServiceProvider.GetService<AircallWebhookProcessor>() is null)
        {
            throw new InvalidOperationException(
                "MapAircallWebhook needs the webhook services: call services.AddAircallCallSync(...).AddWebhooks() and register an ICallStore.");
        }

        return endpoints.MapPost(pattern, HandleAsync)
            .WithDisplayName("Aircall webhook")
            .DisableAntiforgery();
    }

    internal static async Task HandleAsync(HttpContext context)
    {
        var processor = context.RequestServices.GetRequiredService<AircallWebhookProcessor>();
        var cancellationToken = context.RequestAborted;
        using var body = await BoundedBody.ReadAsync(context.Request.Body, context.Request.ContentLength, processor.MaxBodyBytes, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            await WriteAsync(context, StatusCodes.Status413PayloadTooLarge, $"The body is larger than {processor.MaxBodyBytes} bytes.", cancellationToken).ConfigureAwait(false);
            return;
        }

        var result = await processor.ProcessAsync(body.Memory, cancellationToken).ConfigureAwait(false);
        await WriteAsync(context, result.StatusCode, result.Message, cancellationToken).ConfigureAwait(false);
    }

    private static Task WriteAsync(HttpContext context, int statusCode, string message, CancellationToken cancellationToken)
    {
        context.Response.StatusCode = statusCode;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(message, cancellationToken);
    }
}
