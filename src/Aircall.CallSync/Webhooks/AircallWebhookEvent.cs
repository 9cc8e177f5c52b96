using System.Text.Json;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Webhooks;

/// <summary>
/// A verified webhook delivery: the envelope's <c>resource</c>, <c>event</c> and <c>timestamp</c>, the account its token
/// belongs to, the typed <see cref="Call"/> of call events and the raw <c>data</c> of every event. The token itself is
/// not kept.
/// </summary>
public sealed class AircallWebhookEvent
{
    private readonly ReadOnlyMemory<byte> _data;
    private JsonElement? _dataElement;

    internal AircallWebhookEvent(string? resource, string eventName, DateTimeOffset? timestamp, string? accountId, ReadOnlyMemory<byte> data, Call? call)
    {
        Resource = resource;
        Event = eventName;
        Timestamp = timestamp;
        AccountId = accountId;
        _data = data;
        Call = call;
    }

    /// <summary>The envelope's <c>resource</c> (<c>call</c>, <c>user</c>, <c>contact</c>, ...). Dispatch on <see cref="Event"/>.</summary>
    public string? Resource { get; }

    /// <summary>The event name, e.g. <c>call.ended</c>; see <see cref="AircallWebhookEvents"/>.</summary>
    public string Event { get; }

    /// <summary>When Aircall built the payload (UTC); the version of the data.</summary>
    public DateTimeOffset? Timestamp { get; }

    /// <summary>The account the token resolved to (<c>null</c> with a single configured token).</summary>
    public string? AccountId { get; }

    /// <summary>Whether this is a call event.</summary>
    public bool IsCallEvent => AircallWebhookEvents.IsCallEvent(Event);

    /// <summary>The call of a call event; <c>null</c> for other events.</summary>
    public Call? Call { get; }

    /// <summary>The <c>data</c> object as raw UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> RawData => _data;

    /// <summary>The <c>data</c> object as a <see cref="JsonElement"/> (parsed on first use).</summary>
    public JsonElement Data => _dataElement ??= JsonSerializer.Deserialize(_data.Span, AircallJsonContext.Default.JsonElement);

    /// <summary>Names the event without its data.</summary>
    public override string ToString() => $"{Event} at {Timestamp?.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
}
