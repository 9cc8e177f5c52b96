using System.Collections.Concurrent;
using Aircall.CallSync.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.IntegrationTests.Samples;

/// <summary>
/// A webhook endpoint on Kestrel at 127.0.0.1 (a free port) that records every request it gets, as a user's endpoint
/// would see it, and answers 200.
/// </summary>
internal sealed class LoopbackWebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackWebhookReceiver(WebApplication app, Uri url, ConcurrentQueue<ReceivedWebhookRequest> received)
    {
        _app = app;
        Url = url;
        Received = received;
    }

    /// <summary>Where deliveries go: <c>http://127.0.0.1:{port}/aircall/webhook</c>.</summary>
    public Uri Url { get; }

    public ConcurrentQueue<ReceivedWebhookRequest> Received { get; }

    public static async Task<LoopbackWebhookReceiver> StartAsync()
    {
        var received = new ConcurrentQueue<ReceivedWebhookRequest>();
        var (app, address) = await LoopbackApp.StartAsync(null, app => app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            received.Enqueue(new ReceivedWebhookRequest(context.Request.Method, context.Request.Path.Value ?? "", context.Request.ContentType, body));
            context.Response.StatusCode = StatusCodes.Status200OK;
        }));
        return new LoopbackWebhookReceiver(app, new Uri(address, "/aircall/webhook"), received);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
