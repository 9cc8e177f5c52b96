using Aircall.CallSync.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.IntegrationTests.Infrastructure;

/// <summary>A real Kestrel app on a free port of 127.0.0.1, for tests that need an HTTP server of their own.</summary>
internal static class LoopbackApp
{
    /// <summary>Builds, maps and starts the app; returns it with the address it listens on.</summary>
    public static async Task<(WebApplication App, Uri Address)> StartAsync(Action<WebApplicationBuilder>? configure, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        configure?.Invoke(builder);
        var app = builder.Build();
        map(app);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (app, new Uri(address));
    }

    /// <summary>
    /// <c>MapAircallWebhook("/aircall/webhook")</c> over <paramref name="store"/>, with the webhook settings
    /// <paramref name="webhooks"/> adds; returns the app and the endpoint's URL.
    /// </summary>
    public static async Task<(WebApplication App, Uri Endpoint)> StartWebhookReceiverAsync(ICallStore store, Action<AircallCallSyncBuilder> webhooks)
    {
        var (app, address) = await StartAsync(
            builder =>
            {
                builder.Services.AddSingleton(store);
                webhooks(builder.Services.AddAircallCallSync(_ => { }));
            },
            app => app.MapAircallWebhook("/aircall/webhook"));
        return (app, new Uri(address, "/aircall/webhook"));
    }
}
