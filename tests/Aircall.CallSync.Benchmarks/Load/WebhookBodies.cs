using System.Buffers.Text;
using System.Text.Json.Nodes;
using Aircall.CallSync.Benchmarks.Infrastructure;

namespace Aircall.CallSync.Benchmarks.Load;

/// <summary>
/// Delivery bodies for the load test: the real call envelopes of the fixtures (created, answered, hold, unhold, hung up,
/// ended, commented, tagged) with the configured token, a call id and a timestamp that differ per request, so every
/// delivery is a new write for the store. Built from byte templates, so the load generator spends little time on them.
/// </summary>
internal sealed class WebhookBodies
{
    private const long IdMarker = 987_654_321_987_654;
    private const long TimestampMarker = 1_999_999_999;
    private readonly List<Template> _templates = [];

    public WebhookBodies(string token)
    {
        foreach (var fixture in Fixtures.CallEnvelopes.Values)
        {
            var envelope = JsonNode.Parse(fixture)!.AsObject();
            envelope["token"] = token;
            envelope["timestamp"] = TimestampMarker;
            envelope["data"]!["id"] = IdMarker;
            var bytes = System.Text.Encoding.UTF8.GetBytes(envelope.ToJsonString());
            _templates.Add(new Template(bytes, IndexOf(bytes, IdMarker), IndexOf(bytes, TimestampMarker)));
        }
    }

    /// <summary>The body of request <paramref name="index"/>: fixture <c>index % 8</c>, call id and timestamp from the index.</summary>
    public byte[] Create(long index, long callIdBase, long timestampBase)
    {
        var template = _templates[(int)(index % _templates.Count)];
        Span<byte> id = stackalloc byte[20];
        Span<byte> timestamp = stackalloc byte[20];
        Utf8Formatter.TryFormat(callIdBase + index, id, out var idLength);
        Utf8Formatter.TryFormat(timestampBase + index, timestamp, out var timestampLength);
        var markerId = MarkerLength(IdMarker);
        var markerTimestamp = MarkerLength(TimestampMarker);
        var body = new byte[template.Bytes.Length - markerId - markerTimestamp + idLength + timestampLength];
        var source = template.Bytes.AsSpan();
        var written = 0;
        if (template.IdAt < template.TimestampAt)
        {
            Copy(source[..template.IdAt], body, ref written);
            Copy(id[..idLength], body, ref written);
            Copy(source[(template.IdAt + markerId)..template.TimestampAt], body, ref written);
            Copy(timestamp[..timestampLength], body, ref written);
            Copy(source[(template.TimestampAt + markerTimestamp)..], body, ref written);
        }
        else
        {
            Copy(source[..template.TimestampAt], body, ref written);
            Copy(timestamp[..timestampLength], body, ref written);
            Copy(source[(template.TimestampAt + markerTimestamp)..template.IdAt], body, ref written);
            Copy(id[..idLength], body, ref written);
            Copy(source[(template.IdAt + markerId)..], body, ref written);
        }

        return body;
    }

    private static void Copy(ReadOnlySpan<byte> from, byte[] to, ref int written)
    {
        from.CopyTo(to.AsSpan(written));
        written += from.Length;
    }

    private static int MarkerLength(long marker) => marker.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;

    private static int IndexOf(byte[] bytes, long marker)
    {
        var text = System.Text.Encoding.UTF8.GetBytes(marker.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var index = bytes.AsSpan().IndexOf(text);
        if (index < 0 || bytes.AsSpan(index + text.Length).IndexOf(text) >= 0)
        {
            throw new InvalidOperationException("A marker of the body template was not found exactly once.");
        }

        return index;
    }

    private sealed record Template(byte[] Bytes, int IdAt, int TimestampAt);
}
