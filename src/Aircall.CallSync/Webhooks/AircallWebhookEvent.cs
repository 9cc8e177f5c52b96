using System.Text.Json;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Webhooks;

/// <summary>
/// A verified webhook delivery: the envelope's <c>resource</c>, <c>event</c> and <c>timestamp</c>, the account its token
/// belongs to, typed views of user, contact, number and integration events, and the raw <c>data</c> of every event. The token itself is
/// not kept.
/// </summary>
public sealed class AircallWebhookEvent
{
    private readonly ReadOnlyMemory<byte> _data;
    private JsonElement? _dataElement;
    private object? _typed;

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
    internal bool IsCallEvent => AircallWebhookEvents.IsCallEvent(Event);

    /// <summary>The call of a call event; <c>null</c> for other events.</summary>
    internal Call? Call { get; }

    /// <summary>
    /// The user of a user event (<c>user.*</c>, v1 or v2), read from <c>data</c> on first use with the SDK's tolerant
    /// reading; <c>null</c> for other events. <see cref="RawData"/> still holds what Aircall sent.
    /// </summary>
    public User? User => Typed(AircallWebhookEvents.UserPrefix, TolerantJson.User);

    /// <summary>The contact of a contact event (<c>contact.*</c>), read on first use; <c>null</c> for other events.</summary>
    public Contact? Contact => Typed(AircallWebhookEvents.ContactPrefix, TolerantJson.Contact);

    /// <summary>The number of a number event (<c>number.*</c>), read on first use; <c>null</c> for other events.</summary>
    public Number? Number => Typed(AircallWebhookEvents.NumberPrefix, TolerantJson.Number);

    /// <summary>
    /// The data of <c>integration.deleted</c> (the integration and company ids), read on first use; <c>null</c> for other
    /// events.
    /// </summary>
    public IntegrationRemoval? IntegrationRemoval
        => string.Equals(Event, AircallWebhookEvents.IntegrationDeleted, StringComparison.Ordinal) ? Read(TolerantJson.IntegrationRemoval) : null;

    /// <summary>The <c>data</c> object as raw UTF-8 JSON.</summary>
    public ReadOnlyMemory<byte> RawData => _data;

    /// <summary>The <c>data</c> object as a <see cref="JsonElement"/> (parsed on first use).</summary>
    public JsonElement Data => _dataElement ??= JsonSerializer.Deserialize(_data.Span, AircallJsonContext.Default.JsonElement);

    private T? Typed<T>(string prefix, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class
        => Event.StartsWith(prefix, StringComparison.Ordinal) ? Read(typeInfo) : null;

    private T? Read<T>(System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (_typed is T typed)
        {
            return typed;
        }

        if (_data.IsEmpty)
        {
            return null;
        }

        try
        {
            var value = JsonSerializer.Deserialize(_data.Span, typeInfo);
            _typed = value;
            return value;
        }
        catch (JsonException)
        {
            // The processor checked that data is a JSON object; tolerant reading only throws on malformed JSON.
            return null;
        }
    }

    /// <summary>Names the event without its data.</summary>
    public override string ToString() => $"{Event} at {Timestamp?.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}";
}
