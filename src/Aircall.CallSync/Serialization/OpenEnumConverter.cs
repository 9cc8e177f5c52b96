using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aircall.CallSync.Serialization;

/// <summary>
/// Reads any JSON string (and, leniently, a number or boolean) into an open string enum and writes its wire value back.
/// </summary>
internal sealed class OpenEnumConverter<T> : JsonConverter<T>
    where T : struct, IOpenEnum<T>
{
    public override bool HandleNull => false;

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                return T.FromWire(reader.GetString() ?? string.Empty);
            case JsonTokenType.Number:
                return T.FromWire(System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan));
            case JsonTokenType.True:
                return T.FromWire("true");
            case JsonTokenType.False:
                return T.FromWire("false");
            default:
                reader.Skip();
                return T.FromWire(string.Empty);
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
        => writer.WriteStringValue(value.Value);
}
