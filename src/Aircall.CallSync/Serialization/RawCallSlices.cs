using System.Text.Json;
using Aircall.CallSync.Models;

namespace Aircall.CallSync.Serialization;

/// <summary>
/// Gives each call of a parsed page the bytes of its own object in the page's body (<see cref="Call.RawJson"/>): one
/// forward scan with a reader, no allocation per call. The page's calls keep one entry per array element (unreadable
/// ones as <c>null</c>), so positions match; if they do not, nothing is attached rather than the wrong bytes.
/// </summary>
internal static class RawCallSlices
{
    internal static void Attach(IReadOnlyList<Call> calls, ReadOnlyMemory<byte> body)
    {
        var reader = new Utf8JsonReader(body.Span, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("calls"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    return;
                }

                var index = 0;
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    var start = reader.TokenStartIndex;
                    var isObject = reader.TokenType == JsonTokenType.StartObject;
                    reader.Skip();
                    if (index >= calls.Count)
                    {
                        return;
                    }

                    if (isObject && calls[index] is { } call)
                    {
                        call.RawJson = body.Slice((int)start, (int)(reader.BytesConsumed - start));
                    }

                    index++;
                }

                return;
            }
        }
        catch (JsonException)
        {
            // The page parsed, so its body is JSON; a body that is not leaves the calls without raw bytes.
        }
    }
}
