using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace Aircall.CallSync.Serialization;

// The converters TolerantJson puts on each model property. Each knows its field's name (owner.json_name) so that a
// value it cannot read is reported by name, and each leaves the reader after the value, whatever its type, so that the
// rest of the object is read.

/// <summary>Shared pieces of the tolerant converters.</summary>
internal static class Tolerant
{
    /// <summary>The bytes of the current scalar token: a string's contents (unescaped, rarely copied), a number's text.</summary>
    internal static ReadOnlySpan<byte> Scalar(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String && reader.ValueIsEscaped)
        {
            return Encoding.UTF8.GetBytes(reader.GetString() ?? string.Empty);
        }

        return reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan;
    }

    /// <summary>Parses an integer from a number or a numeric string: integral decimals exactly, others rounded (or refused).</summary>
    internal static bool TryReadInteger(ref Utf8JsonReader reader, bool integralOnly, out long value)
    {
        value = 0;
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out value))
        {
            return true;
        }

        if (reader.TokenType is not (JsonTokenType.Number or JsonTokenType.String))
        {
            return false;
        }

        var text = Scalar(ref reader).Trim((byte)' ');
        if (text.IsEmpty)
        {
            return false;
        }

        if (Utf8Parser.TryParse(text, out long whole, out var consumed) && consumed == text.Length)
        {
            value = whole;
            return true;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fractional)
            || double.IsNaN(fractional) || double.IsInfinity(fractional))
        {
            return false;
        }

        var rounded = Math.Round(fractional, MidpointRounding.AwayFromZero);
        if ((integralOnly && rounded != fractional) || rounded >= 9.2e18 || rounded <= -9.2e18)
        {
            return false;
        }

        value = (long)rounded;
        return true;
    }

    /// <summary>
    /// An optional integer within [<paramref name="min"/>, <paramref name="max"/>]: <c>null</c> for JSON null or an empty
    /// string; otherwise as <see cref="TryReadInteger"/>, and reported (then <c>null</c>) when that fails or is out of range.
    /// </summary>
    internal static long? ReadOptionalInteger(ref Utf8JsonReader reader, string field, bool integralOnly, long min, long max)
    {
        if (reader.TokenType == JsonTokenType.Null || (reader.TokenType == JsonTokenType.String && reader.ValueSpan.IsEmpty && !reader.HasValueSequence))
        {
            return null;
        }

        if (TryReadInteger(ref reader, integralOnly, out var value) && value >= min && value <= max)
        {
            return value;
        }

        SkipUnreadable(ref reader, field);
        return null;
    }

    /// <summary>Writes an optional number, or JSON null.</summary>
    internal static void WriteOptional(Utf8JsonWriter writer, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>Reads an id given bare (<c>12345</c> or <c>"12345"</c>), as a nested object's id.</summary>
    internal static bool TryReadBareId(ref Utf8JsonReader reader, out long id)
        => TryReadInteger(ref reader, integralOnly: true, out id) && id > 0;

    /// <summary>Moves past the current value (objects and arrays whole) and reports the field.</summary>
    internal static void SkipUnreadable(ref Utf8JsonReader reader, string field)
    {
        reader.Skip();
        UnreadableFields.Report(field);
    }
}

/// <summary><c>true</c>/<c>false</c>, <c>"true"</c>/<c>"false"</c> (any case), <c>1</c>/<c>0</c>, <c>"1"</c>/<c>"0"</c>.</summary>
internal sealed class TolerantBooleanConverter(string field) : JsonConverter<bool?>
{
    public override bool HandleNull => true;

    public override bool? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.Number or JsonTokenType.String:
                var text = Tolerant.Scalar(ref reader).Trim((byte)' ');
                if (text.SequenceEqual("1"u8) || Ascii.EqualsIgnoreCase(text, "true"u8))
                {
                    return true;
                }

                if (text.SequenceEqual("0"u8) || Ascii.EqualsIgnoreCase(text, "false"u8))
                {
                    return false;
                }

                if (text.IsEmpty && reader.TokenType == JsonTokenType.String)
                {
                    return null;
                }

                UnreadableFields.Report(field);
                return null;
            default:
                Tolerant.SkipUnreadable(ref reader, field);
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, bool? value, JsonSerializerOptions options)
    {
        if (value is { } b)
        {
            writer.WriteBooleanValue(b);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>A nullable Int64: numbers, integral decimals, numeric strings; other decimals rounded unless it is an id.</summary>
internal sealed class TolerantInt64Converter(string field, bool isId) : JsonConverter<long?>
{
    public override bool HandleNull => true;

    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => Tolerant.ReadOptionalInteger(ref reader, field, isId, long.MinValue, long.MaxValue);

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options) => Tolerant.WriteOptional(writer, value);
}

/// <summary>A required Int64 (a call's id): as <see cref="TolerantInt64Converter"/>, 0 when unreadable.</summary>
internal sealed class TolerantRequiredInt64Converter(string field, bool isId) : JsonConverter<long>
{
    public override bool HandleNull => true;

    public override long Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.Null && Tolerant.TryReadInteger(ref reader, isId, out var value))
        {
            return value;
        }

        Tolerant.SkipUnreadable(ref reader, field);
        return 0;
    }

    public override void Write(Utf8JsonWriter writer, long value, JsonSerializerOptions options) => writer.WriteNumberValue(value);
}

/// <summary>A nullable Int32, read like <see cref="TolerantInt64Converter"/>; out-of-range values are unreadable.</summary>
internal sealed class TolerantInt32Converter(string field) : JsonConverter<int?>
{
    public override bool HandleNull => true;

    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => (int?)Tolerant.ReadOptionalInteger(ref reader, field, integralOnly: false, int.MinValue, int.MaxValue);

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options) => Tolerant.WriteOptional(writer, value);
}

/// <summary>A string; a number or boolean as its JSON text; an object or array is unreadable.</summary>
internal sealed class TolerantStringConverter(string field) : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            Tolerant.SkipUnreadable(ref reader, field);
            return null;
        }

        return LenientStringConverter.ReadScalar(ref reader);
    }

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}

/// <summary>An open string enum; an object or array is unreadable (rather than an empty value).</summary>
internal sealed class TolerantOpenEnumConverter<T>(string field) : JsonConverter<T?>
    where T : struct, IOpenEnum<T>
{
    public override bool HandleNull => true;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return T.FromWire(reader.GetString() ?? string.Empty);
            case JsonTokenType.Number:
                return T.FromWire(Encoding.UTF8.GetString(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan));
            case JsonTokenType.True:
                return T.FromWire("true");
            case JsonTokenType.False:
                return T.FromWire("false");
            default:
                Tolerant.SkipUnreadable(ref reader, field);
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        if (value is { } v)
        {
            writer.WriteStringValue(v.Value);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}

/// <summary>A timestamp read by the field's own converter; a value present but not a time is reported.</summary>
internal sealed class ReportingTimestampConverter(JsonConverter<DateTimeOffset?> inner, string field) : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var present = reader.TokenType switch
        {
            JsonTokenType.Null => false,
            JsonTokenType.String => reader.HasValueSequence || !reader.ValueSpan.IsEmpty,
            _ => true,
        };
        var value = inner.Read(ref reader, typeToConvert, options);
        if (value is null && present)
        {
            UnreadableFields.Report(field);
        }

        return value;
    }

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options) => inner.Write(writer, value, options);
}

/// <summary>
/// A nested object, read with the type's tolerant metadata; a bare id (<c>12345</c>, <c>"12345"</c>) becomes an object
/// with only that id when the type has one; anything else is unreadable.
/// </summary>
internal sealed class ObjectOrIdConverter<T>(string field, Func<long, T>? fromId) : JsonConverter<T?>
    where T : class
{
    private JsonTypeInfo<T>? _typeInfo;

    public override bool HandleNull => true;

    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.StartObject:
                return TolerantObject.Read(ref reader, _typeInfo ??= (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)), field);
            case JsonTokenType.Number or JsonTokenType.String when fromId is not null && Tolerant.TryReadBareId(ref reader, out var id):
                return fromId(id);
            default:
                Tolerant.SkipUnreadable(ref reader, field);
                return null;
        }
    }

    public override void Write(Utf8JsonWriter writer, T? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            JsonSerializer.Serialize(writer, value, _typeInfo ??= (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
        }
    }
}

/// <summary>
/// A list: each object element read with the type's tolerant metadata, a bare id kept as an object with that id where the
/// type has one, <c>null</c> and unreadable elements dropped (and reported); an object or scalar instead of a list reads
/// as absent. With <c>keepPositions</c> (a page's <c>calls</c>), a <c>null</c> or unreadable element stays in the list as
/// <c>null</c>, so that the page keeps its length: paging counts positions against <c>meta.total</c> and asks again for
/// a page with holes before it skips them.
/// </summary>
internal sealed class TolerantListConverter<T>(string field, Func<long, T>? fromId, bool keepPositions = false) : JsonConverter<IReadOnlyList<T>?>
    where T : class
{
    private JsonTypeInfo<T>? _typeInfo;

    public override bool HandleNull => true;

    public override IReadOnlyList<T>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Tolerant.SkipUnreadable(ref reader, field);
            return null;
        }

        var typeInfo = _typeInfo ??= (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    if (TolerantObject.Read(ref reader, typeInfo, field + "[]") is { } item)
                    {
                        items.Add(item);
                    }
                    else if (keepPositions)
                    {
                        items.Add(null!);
                    }

                    break;
                case JsonTokenType.Number or JsonTokenType.String when fromId is not null && Tolerant.TryReadBareId(ref reader, out var id):
                    items.Add(fromId(id));
                    break;
                case JsonTokenType.Null when keepPositions:
                    items.Add(null!);
                    break;
                default:
                    Tolerant.SkipUnreadable(ref reader, field + "[]");
                    if (keepPositions)
                    {
                        items.Add(null!);
                    }

                    break;
            }
        }

        return items;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T>? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        var typeInfo = _typeInfo ??= (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartArray();
        foreach (var item in value)
        {
            JsonSerializer.Serialize(writer, item, typeInfo);
        }

        writer.WriteEndArray();
    }
}

/// <summary>Reads one object with its metadata; if that fails (a field no converter could save), skips it whole.</summary>
internal static class TolerantObject
{
    internal static T? Read<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> typeInfo, string field)
        where T : class
    {
        var start = reader;
        try
        {
            return JsonSerializer.Deserialize(ref reader, typeInfo);
        }
        catch (JsonException)
        {
            reader = start;
            Tolerant.SkipUnreadable(ref reader, field);
            return null;
        }
    }
}
