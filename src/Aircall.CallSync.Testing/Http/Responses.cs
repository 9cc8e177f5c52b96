using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>The simulator's ways of answering: a status with a ready body or a serialized value, and Aircall's error bodies.</summary>
internal static class Responses
{
    private const string Json = "application/json";

    /// <summary>The status, and the body when there is one (JSON, with its length).</summary>
    public static async Task WriteAsync(HttpContext context, int status, byte[]? body)
    {
        context.Response.StatusCode = status;
        if (body is not null)
        {
            context.Response.ContentType = Json;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }

    /// <summary>The status and <paramref name="value"/> serialized by its source-generated metadata.</summary>
    public static async Task WriteJsonAsync<T>(HttpContext context, int status, T value, JsonTypeInfo<T> typeInfo)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = Json;
        await JsonSerializer.SerializeAsync(context.Response.Body, value, typeInfo, context.RequestAborted).ConfigureAwait(false);
    }

    public static Task BadRequestAsync(HttpContext context, string troubleshoot)
        => WriteAsync(context, 400, ErrorBodies.Application("Bad Request", troubleshoot));

    public static Task UnprocessableAsync(HttpContext context, string troubleshoot)
        => WriteAsync(context, 422, ErrorBodies.Application("Unprocessable Entity", troubleshoot));

    public static Task NotFoundAsync(HttpContext context, string what)
        => WriteAsync(context, 404, ErrorBodies.Application("Not Found", $"{what} was not found"));

    public static Task RouteNotFoundAsync(HttpContext context) => WriteAsync(context, 404, ErrorBodies.RouteNotFound);

    public static Task TooManyRequestsAsync(HttpContext context)
        => WriteAsync(context, 429, ErrorBodies.Application("Too Many Requests", "Rate limit reached: wait until X-AircallApi-Reset"));
}
