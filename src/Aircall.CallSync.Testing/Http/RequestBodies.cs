using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>Reads the JSON bodies of the simulator's POST and PUT requests.</summary>
internal static class RequestBodies
{
    /// <summary>The request's JSON body, or <c>null</c> when it is not valid JSON for <typeparamref name="T"/>.</summary>
    public static async Task<T?> ReadAsync<T>(HttpContext context, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, typeInfo, context.RequestAborted).ConfigureAwait(false);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
