using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Aircall.CallSync;

/// <summary>
/// The one codec of the SDK's opaque strings: a short prefix naming the kind and version (<c>cq1.</c> for a page's
/// continuation token, <c>cs2.</c> for a sync checkpoint), then the state's JSON in unpadded base64url, so the string is
/// safe in URLs, file names and database keys alike.
/// </summary>
internal static class StateCodec
{
    internal static string Encode<T>(string prefix, T value, JsonTypeInfo<T> typeInfo)
        => prefix + Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(value, typeInfo));

    /// <summary>The state, or <c>null</c> when <paramref name="text"/> is not a well-formed string of this kind.</summary>
    internal static T? TryDecode<T>(string text, string prefix, JsonTypeInfo<T> typeInfo)
        where T : class
    {
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(Base64Url.DecodeFromChars(text.AsSpan(prefix.Length)), typeInfo);
        }
        catch (Exception exception) when (exception is FormatException or JsonException)
        {
            return null;
        }
    }
}
