using System.Buffers;
using System.Text.Json;
using Aircall.CallSync.Serialization;
using Aircall.CallSync.Storage;

namespace Aircall.CallSync.Samples.Webhook;

/// <summary>
/// The bodies of <c>GET /calls</c> and <c>GET /calls/{id}</c>: each stored call in Aircall's JSON shape, with the version
/// (UNIX seconds of the event it came from) the store kept it at, and its account when it has one.
/// </summary>
internal static class CallsJson
{
    /// <summary><c>{"total": n, "calls": [{"version": ..., "call": {...}}, ...]}</c>, newest first.</summary>
    public static byte[] List(long total, IReadOnlyList<StoredCall> calls)
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("total", total);
            writer.WriteStartArray("calls");
            foreach (var stored in calls)
            {
                Write(writer, stored);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary><c>{"version": ..., "call": {...}}</c>.</summary>
    public static byte[] One(StoredCall stored)
    {
        var buffer = new ArrayBufferWriter<byte>(4 * 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, stored);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, StoredCall stored)
    {
        writer.WriteStartObject();
        if (stored.AccountId is { } account)
        {
            writer.WriteString("account_id", account);
        }

        writer.WriteNumber("version", stored.Version.ToUnixTimeSeconds());
        writer.WritePropertyName("call");
        writer.WriteRawValue(AircallJson.SerializeCall(stored.Call), skipInputValidation: true);
        writer.WriteEndObject();
    }
}
