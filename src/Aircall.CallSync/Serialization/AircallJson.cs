using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Aircall.CallSync.Serialization;

/// <summary>Entry points for Aircall JSON outside the HTTP client (webhook bodies, stored payloads, tests).</summary>
public static class AircallJson
{
    /// <summary>Options bound to <see cref="AircallJsonContext"/>; read-only and shared.</summary>
    public static JsonSerializerOptions Options => AircallJsonContext.Default.Options;

    /// <summary>Source-generated metadata for <see cref="Models.Call"/>, for <c>JsonSerializer</c> calls of your own.</summary>
    public static JsonTypeInfo<Models.Call> CallTypeInfo => AircallJsonContext.Default.Call;

    /// <summary>Parses a call (the object itself, not an envelope).</summary>
    /// <param name="utf8Json">UTF-8 JSON.</param>
    /// <exception cref="JsonException">The input is not a JSON object of a call.</exception>
    public static Models.Call ParseCall(ReadOnlySpan<byte> utf8Json)
        => JsonSerializer.Deserialize(utf8Json, AircallJsonContext.Default.Call)
           ?? throw new JsonException("The JSON was null, not a call object.");

    /// <summary>Serializes a call in Aircall's wire shape (UTF-8).</summary>
    /// <param name="call">The call.</param>
    public static byte[] SerializeCall(Models.Call call)
        => JsonSerializer.SerializeToUtf8Bytes(call, AircallJsonContext.Default.Call);
}
