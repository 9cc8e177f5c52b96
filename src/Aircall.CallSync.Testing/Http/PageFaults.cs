using System.Buffers;
using System.Text.Json;
using Aircall.CallSync.Api;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>Writes a call-list response changed by a <see cref="PageFaultRule"/>.</summary>
internal static class PageFaults
{
    public static Task WriteAsync(HttpContext context, PageFaultRule rule, Call[] calls, PageMeta meta, OddPayloads odd)
    {
        var request = context.Request;
        var page = meta.CurrentPage ?? 1;
        switch (rule.Kind)
        {
            case PageFaultKind.EmptyPage:
                // No calls, yet the API says more follow.
                return ListWriter.WriteAsync(context, "calls", Array.Empty<Call>(), AircallJsonContext.Default.Call, new PageMeta
                {
                    Count = 0,
                    Total = meta.Total,
                    CurrentPage = page,
                    PerPage = meta.PerPage,
                    NextPageLink = Paging.Link(request, page + 1),
                    PreviousPageLink = meta.PreviousPageLink,
                }, odd.Write);
            case PageFaultKind.ShortPage:
                // The first calls only, presented as the last page while the total says more.
                var kept = calls.AsSpan(0, Math.Min(rule.Keep, calls.Length)).ToArray();
                return ListWriter.WriteAsync(context, "calls", kept, AircallJsonContext.Default.Call, new PageMeta
                {
                    Count = kept.Length,
                    Total = meta.Total,
                    CurrentPage = page,
                    PerPage = meta.PerPage,
                    NextPageLink = null,
                    PreviousPageLink = meta.PreviousPageLink,
                }, odd.Write);
            case PageFaultKind.EmptyObject:
                return WriteRawAsync(context, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteEndObject();
                });
            case PageFaultKind.NullCalls:
                return WriteRawAsync(context, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteNull("calls");
                    writer.WritePropertyName("meta");
                    JsonSerializer.Serialize(writer, meta, AircallJsonContext.Default.PageMeta);
                    writer.WriteEndObject();
                });
            default:
                return WriteRawAsync(context, writer =>
                {
                    writer.WriteStartObject();
                    writer.WriteStartArray("calls");
                    writer.WriteNullValue();
                    foreach (var call in calls)
                    {
                        odd.Write(writer, call);
                    }

                    writer.WriteEndArray();
                    writer.WritePropertyName("meta");
                    JsonSerializer.Serialize(writer, meta, AircallJsonContext.Default.PageMeta);
                    writer.WriteEndObject();
                });
        }
    }

    private static async Task WriteRawAsync(HttpContext context, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = buffer.WrittenCount;
        await context.Response.Body.WriteAsync(buffer.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }
}
