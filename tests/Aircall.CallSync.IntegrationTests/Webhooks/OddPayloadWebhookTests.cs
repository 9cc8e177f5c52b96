using Aircall.CallSync.IntegrationTests.Infrastructure;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Testing;
using Aircall.CallSync.Testing.Data;
using Aircall.CallSync.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.IntegrationTests.Webhooks;

/// <summary>
/// Webhook deliveries whose calls all carry undocumented JSON types and unknown fields, over real HTTP into
/// <c>MapAircallWebhook</c> and an <see cref="InMemoryCallStore"/>: every delivery is acknowledged and the store ends with
/// exactly what the shapes promise of the simulator's calls.
/// </summary>
public sealed class OddPayloadWebhookTests : IAsyncLifetime
{
    private readonly InMemoryCallStore _store = new();
    private AircallSimulator _simulator = null!;
    private WebApplication _receiver = null!;
    private string _token = "not-set-yet-000000000000000000";

    public async ValueTask InitializeAsync()
    {
        _simulator = new AircallSimulator(new AircallSimulatorOptions
        {
            CallCount = 0,
            Seed = 17,
            OddPayloadRate = 1,
            WebhookDuplicateRate = 0.3,
            WebhookReorderRate = 0.5,
            WebhookMaxAttempts = 1, // a refused delivery would show as a failure, not be hidden by a retry
        });

        (_receiver, var url) = await LoopbackApp.StartWebhookReceiverAsync(_store, sync => sync.AddWebhooks().AddWebhookTokenResolver(_ => new Tokens(this)));
        _token = await CreateWebhookAsync(url);
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task Odd_deliveries_are_all_acknowledged_and_the_store_holds_what_the_shapes_promise()
    {
        var callIds = await _simulator.Webhooks.SimulateCallsAsync(60, TestContext.Current.CancellationToken);

        var deliveries = _simulator.Webhooks.Deliveries;
        deliveries.Should().HaveCountGreaterThan(callIds.Count * 3);
        deliveries.Where(d => !d.Succeeded).Select(d => $"{d.Event} of {d.CallId} -> {d.StatusCode} {d.Error}").Should().BeEmpty("every delivery must be answered 2xx");
        _store.Count.Should().Be(callIds.Count);
        var seen = SimulatorOddShapes.None;
        foreach (var id in callIds)
        {
            var shapes = _simulator.OddShapesOf(id);
            shapes.Should().NotBe(SimulatorOddShapes.None);
            seen |= shapes;

            // The newest event of a lifecycle carries the call's final state, in the webhook shape (tags with tagged_at).
            var truth = _simulator.DefaultAccount.Timeline.Get(id, LifecycleStage.Final, webhookShape: true)!;
            _store.Find(id)!.Call.ShouldBeTruthReadThrough(truth, shapes, "(webhook)");
        }

        seen.Should().Be(SimulatorOddShapes.All, "60 calls show every shape");
    }

    private async Task<string> CreateWebhookAsync(Uri url)
    {
        var services = new ServiceCollection();
        services.AddAircallCallSync(o =>
        {
            o.ApiId = _simulator.DefaultAccount.ApiId;
            o.ApiToken = _simulator.DefaultAccount.ApiToken;
            o.BaseAddress = _simulator.BaseAddress;
        }).HttpClient.ConfigurePrimaryHttpMessageHandler(() => _simulator.CreateHandler());
        await using var provider = services.BuildServiceProvider();
        var webhook = await provider.GetRequiredService<AircallClient>().Webhooks.EnsureWebhookAsync(url, cancellationToken: TestContext.Current.CancellationToken);
        return webhook.Token!;
    }

    private sealed class Tokens(OddPayloadWebhookTests owner) : IWebhookTokenResolver
    {
        public ValueTask<WebhookTokenMatch?> ResolveAsync(string token, CancellationToken cancellationToken)
            => ValueTask.FromResult<WebhookTokenMatch?>(WebhookTokenComparer.Matches(token, owner._token) ? new WebhookTokenMatch(null) : null);
    }
}
