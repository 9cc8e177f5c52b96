using System.Buffers.Text;
using System.Text.Json.Nodes;
using Aircall.CallSync.Benchmarks.Infrastructure;
using Aircall.CallSync.Storage;

namespace Aircall.CallSync.Benchmarks.Storage;

/// <summary>
/// Writes as the SDK hands them to a store: the <c>data</c> of the real created, answered and ended deliveries, with a
/// call id of the writer's choosing, parsed as the webhook processor parses them, the payload kept as sent.
/// </summary>
internal sealed class CallWrites
{
    private const long IdMarker = 987_654_321_987_654;
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private readonly (byte[] Bytes, int IdAt)[] _lifecycle;

    public CallWrites()
    {
        string[] names = ["call-created-outbound-780836699", "call-answered-outbound-780836699", "call-ended-outbound-780836699"];
        _lifecycle = names
            .Select(name =>
            {
                var data = JsonNode.Parse(Fixtures.CallEnvelope(name))!["data"]!.AsObject();
                data["id"] = IdMarker;
                var bytes = System.Text.Encoding.UTF8.GetBytes(data.ToJsonString());
                return (bytes, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(IdMarker.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            })
            .ToArray();
    }

    /// <summary>Event <paramref name="step"/> (0 created, 1 answered, 2 ended) of call <paramref name="callId"/>, at a version that orders the steps.</summary>
    public CallWrite Webhook(long callId, int step)
    {
        var payload = Payload(callId, step);
        return new CallWrite(AircallJson.ParseCall(payload), Epoch.AddSeconds(callId % 1_000_000).AddMilliseconds(step * 10), CallWriteSource.Webhook, "call.event")
        {
            Payload = payload,
        };
    }

    /// <summary>A page of <paramref name="size"/> ended calls from <paramref name="firstId"/>, as batch sync writes it.</summary>
    public List<CallWrite> Page(long firstId, int size, DateTimeOffset version)
    {
        var page = new List<CallWrite>(size);
        for (var i = 0; i < size; i++)
        {
            var payload = Payload(firstId + i, 2);
            page.Add(new CallWrite(AircallJson.ParseCall(payload), version, CallWriteSource.Batch) { Payload = payload });
        }

        return page;
    }

    private byte[] Payload(long callId, int step)
    {
        var (template, idAt) = _lifecycle[step];
        Span<byte> id = stackalloc byte[20];
        Utf8Formatter.TryFormat(callId, id, out var length);
        var marker = IdMarker.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;
        var payload = new byte[template.Length - marker + length];
        template.AsSpan(0, idAt).CopyTo(payload);
        id[..length].CopyTo(payload.AsSpan(idAt));
        template.AsSpan(idAt + marker).CopyTo(payload.AsSpan(idAt + length));
        return payload;
    }
}
