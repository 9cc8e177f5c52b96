using System.Buffers;
using System.Buffers.Text;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aircall.CallSync.Serialization;

/// <summary>
/// Aircall timestamps: reads UNIX epoch seconds (integer or fractional), UNIX milliseconds (values of 10^12 and more),
/// numeric strings and ISO-8601 strings into a UTC <see cref="DateTimeOffset"/>; <c>null</c>, empty strings and values
/// of any other JSON type become <c>null</c>. Writes UNIX seconds. The machine's time zone never takes part.
/// </summary>
internal sealed class UnixSecondsConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => AircallTime.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteNumberValue(value.Value.ToUnixTimeSeconds());
        }
    }
}

/// <summary>
/// The ISO-8601 flavour of <see cref="UnixSecondsConverter"/>: reads the same inputs, writes an ISO-8601 UTC string
/// (as Aircall does for the <c>created_at</c> of users, numbers, teams and webhooks).
/// </summary>
internal sealed class IsoTimestampConverter : JsonConverter<DateTimeOffset?>
{
    public override bool HandleNull => true;

    public override DateTimeOffset? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        => AircallTime.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset? value, JsonSerializerOptions options)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value.Value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
    }
}

/// <summary>Timestamp parsing shared by the converters and the HTTP layer (reset headers).</summary>
internal static class AircallTime
{
    /// <summary>Numbers at or above this are taken as milliseconds since the epoch (10^12 ms is September 2001).</summary>
    internal const long MillisecondsThreshold = 1_000_000_000_000;

    internal static DateTimeOffset? Read(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var whole))
                {
                    return FromEpoch(whole);
                }

                return reader.TryGetDouble(out var fractional) ? FromEpoch(fractional) : null;
            case JsonTokenType.String:
                return Parse(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
            case JsonTokenType.StartObject:
            case JsonTokenType.StartArray:
                reader.Skip();
                return null;
            default:
                return null;
        }
    }

    /// <summary>Epoch seconds, or milliseconds when the value is at least <see cref="MillisecondsThreshold"/>.</summary>
    internal static DateTimeOffset? FromEpoch(long value)
    {
        try
        {
            return Math.Abs(value) >= MillisecondsThreshold
                ? DateTimeOffset.FromUnixTimeMilliseconds(value)
                : DateTimeOffset.FromUnixTimeSeconds(value);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    internal static DateTimeOffset? FromEpoch(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            return null;
        }

        var milliseconds = Math.Abs(value) >= MillisecondsThreshold ? value : value * 1000d;
        if (milliseconds > DateTimeOffset.MaxValue.ToUnixTimeMilliseconds() || milliseconds < DateTimeOffset.MinValue.ToUnixTimeMilliseconds())
        {
            return null;
        }

        return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(milliseconds));
    }

    /// <summary>Parses a UTF-8 timestamp: an integer or decimal epoch value, or an ISO-8601 date-time.</summary>
    internal static DateTimeOffset? Parse(ReadOnlySpan<byte> utf8)
    {
        utf8 = utf8.Trim((byte)' ');
        if (utf8.IsEmpty)
        {
            return null;
        }

        if (Utf8Parser.TryParse(utf8, out long whole, out var consumed) && consumed == utf8.Length)
        {
            return FromEpoch(whole);
        }

        if (Utf8Parser.TryParse(utf8, out double fractional, out consumed) && consumed == utf8.Length)
        {
            return FromEpoch(fractional);
        }

        Span<char> chars = stackalloc char[Math.Min(utf8.Length, 64)];
        if (utf8.Length > 64)
        {
            return null;
        }

        var count = System.Text.Encoding.UTF8.GetChars(utf8, chars);
        return Parse(chars[..count]);
    }

    internal static DateTimeOffset? Parse(ReadOnlySpan<char> text)
    {
        text = text.Trim();
        if (text.IsEmpty)
        {
            return null;
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return FromEpoch(whole);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var fractional))
        {
            return FromEpoch(fractional);
        }

        // ISO-8601; a value without an offset is UTC (Aircall never sends local times).
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed.ToUniversalTime()
            : null;
    }
}
