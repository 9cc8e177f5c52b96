using System.Text.Json;

namespace Aircall.CallSync.IntegrationTests.Samples;

/// <summary>One request as a <see cref="LoopbackWebhookReceiver"/> received it.</summary>
internal sealed record ReceivedWebhookRequest(string Method, string Path, string? ContentType, string Body)
{
    public JsonElement Json => JsonDocument.Parse(Body).RootElement.Clone();
}
