using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Aircall.CallSync.Api;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// Writes <c>{"&lt;items&gt;":[...],"meta":{...}}</c> the way Aircall does: <c>next_page_link</c> and
/// <c>previous_page_link</c> are always present, <c>null</c> when there is no such page (the SDK's context omits nulls).
/// Items are written by their metadata, or by <c>writeItem</c> (calls with odd shapes). A page holds at most 50 items, so it is built in memory and written in one asynchronous write.
/// </summary>
internal static class ListWriter
{
    public static async Task WriteAsync<T>(HttpContext context, string itemsName, IReadOnlyList<T> items, JsonTypeInfo<T> typeInfo, PageMeta meta, Action<Utf8JsonWriter, T>? writeItem = null)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray(itemsName);
            for (var i = 0; i < items.Count; i++)
            {
                if (writeItem is null)
                {
                    JsonSerializer.Serialize(writer, items[i], typeInfo);
                }
                else
                {
                    writeItem(writer, items[i]);
                }
            }

            writer.WriteEndArray();
            writer.WriteStartObject("meta");
            writer.WriteNumber("count", meta.Count ?? 0);
            writer.WriteNumber("total", meta.Total ?? 0);
            writer.WriteNumber("current_page", meta.CurrentPage ?? 1);
            writer.WriteNumber("per_page", meta.PerPage ?? Paging.DefaultPerPage);
            writer.WriteString("next_page_link", meta.NextPageLink);
            writer.WriteString("previous_page_link", meta.PreviousPageLink);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
