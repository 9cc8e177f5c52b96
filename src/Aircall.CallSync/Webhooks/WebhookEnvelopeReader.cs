using System.Text.Json;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Webhooks;

/// <summary>
/// Reads the top level of a webhook body in one pass without materializing <c>data</c>: the envelope's strings, the
/// timestamp, and the byte range of <c>data</c>, so the call is deserialized straight from the body afterwards.
/// </summary>
internal static class WebhookEnvelopeReader
{
    internal static bool TryRead(ReadOnlyMemory<byte> body, out ParsedEnvelope envelope, out string? error)
    {
        envelope = default;
        error = null;
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                error = "The body is not a JSON object.";
                return false;
            }

            string? resource = null, eventName = null, token = null;
            DateTimeOffset? timestamp = null;
            var dataStart = -1;
            var dataLength = 0;
            var dataKind = JsonTokenType.None;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("resource"u8))
                {
                    reader.Read();
                    resource = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("event"u8))
                {
                    reader.Read();
                    eventName = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("token"u8))
                {
                    reader.Read();
                    token = ReadString(ref reader);
                }
                else if (reader.ValueTextEquals("timestamp"u8))
                {
                    reader.Read();
                    timestamp = AircallTime.Read(ref reader);
                }
                else if (reader.ValueTextEquals("data"u8))
                {
                    reader.Read();
                    dataKind = reader.TokenType;
                    dataStart = (int)reader.TokenStartIndex;
                    reader.Skip();
                    dataLength = (int)reader.BytesConsumed - dataStart;
                }
                else
                {
                    reader.Read();
                    reader.Skip();
                }
            }

            if (reader.TokenType != JsonTokenType.EndObject || reader.CurrentDepth != 0)
            {
                error = "The body is not a complete JSON object.";
                return false;
            }

            if (reader.Read())
            {
                error = "The body has content after the JSON object.";
                return false;
            }

            envelope = new ParsedEnvelope(
                resource,
                eventName,
                timestamp,
                token,
                dataStart < 0 ? ReadOnlyMemory<byte>.Empty : body.Slice(dataStart, dataLength),
                dataKind);
            return true;
        }
        catch (JsonException)
        {
            error = "The body is not valid JSON.";
            return false;
        }
        catch (InvalidOperationException)
        {
            // GetString of a string with bytes that are not UTF-8, or an escaped lone surrogate (\uD800): the reader
            // throws InvalidOperationException, not JsonException. Bad input all the same, whichever field it is in.
            error = "The body is not valid JSON: a string of the envelope is not valid UTF-8.";
            return false;
        }
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            reader.Skip();
        }

        return null;
    }
}

/// <summary>What <see cref="WebhookEnvelopeReader"/> found at the top level of a body.</summary>
internal readonly record struct ParsedEnvelope(
    string? Resource,
    string? Event,
    DateTimeOffset? Timestamp,
    string? Token,
    ReadOnlyMemory<byte> Data,
    JsonTokenType DataKind);
