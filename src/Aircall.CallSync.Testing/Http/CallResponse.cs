using System.Buffers;
using System.Text.Json;
using Aircall.CallSync.Api;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>200 <c>{"call": {...}}</c>: <c>GET /v1/calls/{id}</c>, archive and unarchive.</summary>
internal static class CallResponse
{
    /// <summary>Writes the call with its odd shapes, if any.</summary>
    public static async Task WriteAsync(HttpContext context, Call call, OddPayloads odd)
    {
        if (!odd.IsOn)
        {
            await Responses.WriteJsonAsync(context, 200, new CallEnvelope { Call = call }, AircallJsonContext.Default.CallEnvelope).ConfigureAwait(false);
            return;
        }

        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WritePropertyName("call");
            odd.Write(writer, call);
            writer.WriteEndObject();
        }

        await Responses.WriteAsync(context, 200, buffer.WrittenSpan.ToArray()).ConfigureAwait(false);
    }
}
