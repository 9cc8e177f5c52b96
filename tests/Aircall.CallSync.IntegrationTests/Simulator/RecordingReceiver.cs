using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace Aircall.CallSync.IntegrationTests.Simulator;

/// <summary>A webhook receiver in memory: records each envelope and answers the status it is told to.</summary>
internal sealed class RecordingReceiver : HttpMessageHandler
{
    public ConcurrentQueue<JsonElement> Received { get; } = new();

    public HttpStatusCode Status { get; set; } = HttpStatusCode.OK;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        Received.Enqueue(JsonDocument.Parse(body).RootElement.Clone());
        return new HttpResponseMessage(Status);
    }
}
