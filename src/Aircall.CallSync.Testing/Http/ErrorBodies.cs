using System.Buffers;
using System.Text;
using System.Text.Json;

namespace Aircall.CallSync.Testing.Http;

/// <summary>Aircall's error bodies: edge tier <c>{"message":...}</c> and application tier <c>{"error","troubleshoot","success"}</c>.</summary>
internal static class ErrorBodies
{
    /// <summary>The 10,000-cap 400 body, verbatim from a real response.</summary>
    public static readonly byte[] PaginationCap = Encoding.UTF8.GetBytes(
        """{"error":"Bad Request","message":"BAD_REQUEST","errors":"Your query is limited to 10k results and pagination is out of bound, please use timestamps or other filters.","troubleshoot":"BAD_REQUEST","success":false}""");

    public static readonly byte[] Unauthorized = Encoding.UTF8.GetBytes("""{"message":"Unauthorized"}""");

    public static readonly byte[] Forbidden = Encoding.UTF8.GetBytes("""{"message":"Forbidden"}""");

    public static readonly byte[] RouteNotFound = Encoding.UTF8.GetBytes("""{"message":"Not Found"}""");

    /// <summary>Cut off in the middle of a value: not valid JSON.</summary>
    public static readonly byte[] Malformed = Encoding.UTF8.GetBytes("""{"calls":[{"id":1,"direction":"inbound","started_at":16""");

    public static byte[] Application(string error, string troubleshoot)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("error", error);
            writer.WriteString("troubleshoot", troubleshoot);
            writer.WriteBoolean("success", false);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
