using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aircall.CallSync;

/// <summary>
/// A call already returned, as a continuation token keeps it: its <c>started_at</c> (UNIX seconds) and id, written as
/// the JSON pair <c>[started, id]</c>. A struct, so a page's list of them is one array, not one array per call.
/// </summary>
[JsonConverter(typeof(RecentCallConverter))]
internal readonly record struct RecentCall(long Started, long Id);

/// <summary>Reads and writes <see cref="RecentCall"/> as <c>[started, id]</c>; anything else is a malformed token.</summary>
internal sealed class RecentCallConverter : JsonConverter<RecentCall>
{
    public override RecentCall Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray || !reader.Read() || !reader.TryGetInt64(out var started)
            || !reader.Read() || !reader.TryGetInt64(out var id) || !reader.Read() || reader.TokenType != JsonTokenType.EndArray)
        {
            throw new JsonException("A recent call is not a [started, id] pair.");
        }

        return new RecentCall(started, id);
    }

    public override void Write(Utf8JsonWriter writer, RecentCall value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        writer.WriteNumberValue(value.Started);
        writer.WriteNumberValue(value.Id);
        writer.WriteEndArray();
    }
}
