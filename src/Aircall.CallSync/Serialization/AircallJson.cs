using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync;

/// <summary>Entry points for Aircall JSON outside the HTTP client (webhook bodies, stored payloads, tests).</summary>
public static class AircallJson
{
    /// <summary>
    /// The options the SDK reads Aircall payloads with: source-generated metadata, and tolerant reading (a field whose JSON
    /// type is unexpected becomes <c>null</c> or its closest value, never an exception; see
    /// <see cref="ParseCall"/>). Read-only and shared.
    /// </summary>
    internal static JsonSerializerOptions Options => TolerantJson.Options;

    /// <summary>Metadata for <see cref="Models.Call"/> with tolerant reading, for <c>JsonSerializer</c> calls of your own.</summary>
    internal static JsonTypeInfo<Models.Call> CallTypeInfo => TolerantJson.Call;

    /// <summary>
    /// Parses a call (the object itself, not an envelope) the way the SDK reads every call. A field of an unexpected
    /// JSON type never fails the call: booleans accept <c>true</c>/<c>false</c>, <c>"true"</c>/<c>"false"</c>,
    /// <c>1</c>/<c>0</c> and <c>"1"</c>/<c>"0"</c>; integers accept integral decimals (<c>20.0</c>) and numeric strings,
    /// and other decimals are rounded to the nearest integer, halves away from zero (<c>20.5</c> becomes 21), except ids,
    /// which must be integral; a user, contact, number or team given as a bare id (<c>"contact": 12345</c>) keeps that
    /// id; a list given an object or a scalar reads as absent, and list elements that cannot be read are dropped;
    /// strings take numbers and booleans as their text. Any other value that cannot be read becomes <c>null</c> and is
    /// counted in the <c>aircall.callsync.fields.unreadable</c> metric, tagged with the field's name.
    /// </summary>
    /// <param name="utf8Json">UTF-8 JSON.</param>
    /// <exception cref="JsonException">The input is not well-formed JSON, or not an object.</exception>
    public static Models.Call ParseCall(ReadOnlySpan<byte> utf8Json)
        => JsonSerializer.Deserialize(utf8Json, TolerantJson.Call)
           ?? throw new JsonException("The JSON was null, not a call object.");

    /// <summary>Serializes a call in Aircall's wire shape (UTF-8).</summary>
    /// <param name="call">The call.</param>
    public static byte[] SerializeCall(Models.Call call)
        => JsonSerializer.SerializeToUtf8Bytes(call, AircallJsonContext.Default.Call);
}
