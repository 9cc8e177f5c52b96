using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Aircall.CallSync.Models;

namespace Aircall.CallSync.Benchmarks.Json;

/// <summary>
/// The SDK's own models read by reflection-based System.Text.Json: the same settings as the source-generated context
/// (snake_case, numbers as strings, unknown members skipped), but with <see cref="DefaultJsonTypeInfoResolver"/> instead of
/// <c>AircallJsonContext</c>, as an application serializing our types without the context would.
/// </summary>
internal static class ReflectionJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>The whole delivery as one object, the way a handler without <c>AircallWebhookProcessor</c> reads it.</summary>
    public sealed class Webhook
    {
        public string? Resource { get; set; }

        public string? Event { get; set; }

        public long? Timestamp { get; set; }

        public string? Token { get; set; }

        public Call? Data { get; set; }
    }
}
