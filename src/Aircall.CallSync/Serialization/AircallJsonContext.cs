using System.Text.Json;
using System.Text.Json.Serialization;
using Aircall.CallSync.Api;
using Aircall.CallSync.Models;

namespace Aircall.CallSync.Serialization;

/// <summary>
/// The source-generated System.Text.Json metadata for every Aircall payload: snake_case names, unknown fields ignored,
/// numbers accepted as strings, nulls not written. Public access goes through <see cref="AircallJson"/>.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    NumberHandling = JsonNumberHandling.AllowReadingFromString,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
    AllowTrailingCommas = true,
    ReadCommentHandling = JsonCommentHandling.Skip)]
[JsonSerializable(typeof(Call))]
[JsonSerializable(typeof(CallList))]
[JsonSerializable(typeof(CallEnvelope))]
[JsonSerializable(typeof(Webhook))]
[JsonSerializable(typeof(WebhookList))]
[JsonSerializable(typeof(WebhookEnvelope))]
[JsonSerializable(typeof(PingResponse))]
[JsonSerializable(typeof(TransferCallRequest))]
[JsonSerializable(typeof(CommentRequest))]
[JsonSerializable(typeof(TagCallRequest))]
[JsonSerializable(typeof(InsightCardRequest))]
[JsonSerializable(typeof(WebhookRequest))]
[JsonSerializable(typeof(JsonElement))]
[JsonSerializable(typeof(IntegrationRemoval))]
[JsonSerializable(typeof(IntegrationEnvelope))]
[JsonSerializable(typeof(Aircall.CallSync.OAuth.TokenRequest))]
[JsonSerializable(typeof(Aircall.CallSync.OAuth.TokenResponse))]
internal sealed partial class AircallJsonContext : JsonSerializerContext
{
}
