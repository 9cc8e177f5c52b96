using Aircall.CallSync.IntegrationTests.Infrastructure;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Testing;
using Aircall.CallSync.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.IntegrationTests.Webhooks;

/// <summary>
/// The simulator registers our endpoint (hosted on Kestrel at 127.0.0.1) through the typed client, then delivers call
/// lifecycles over real HTTP with duplicates and reordering; the store must end equal to the simulator's final state.
/// </summary>
public sealed class WebhookEndToEndTests : IAsyncLifetime
{
    private readonly InMemoryCallStore _store = new();
    private readonly SwappableTokens _tokens = new();
    private AircallSimulator _simulator = null!;
    private WebApplication _receiver = null!;
    private Uri _webhookUrl = null!;

    public async ValueTask InitializeAsync()
    {
        _simulator = new AircallSimulator(new AircallSimulatorOptions
        {
            CallCount = 0,
            Seed = 11,
            WebhookDuplicateRate = 0.3,
            WebhookReorderRate = 0.5,
            WebhookMaxAttempts = 2,
            WebhookRetryDelay = TimeSpan.Zero,
        });

        (_receiver, _webhookUrl) = await LoopbackApp.StartWebhookReceiverAsync(_store, sync => sync.AddWebhooks().AddWebhookTokenResolver(_ => _tokens));
    }

    public async ValueTask DisposeAsync()
    {
        await _receiver.DisposeAsync();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task Delivered_lifecycles_leave_the_store_equal_to_the_simulator()
    {
        await using var provider = SimulatorClient();
        var aircall = provider.GetRequiredService<AircallClient>();

        var webhook = await aircall.Webhooks.EnsureWebhookAsync(_webhookUrl, cancellationToken: TestContext.Current.CancellationToken);
        _tokens.Token = webhook.Token!;
        var again = await aircall.Webhooks.EnsureWebhookAsync(_webhookUrl, cancellationToken: TestContext.Current.CancellationToken);
        again.WebhookId.Should().Be(webhook.WebhookId, "ensure is idempotent");

        var callIds = await _simulator.Webhooks.SimulateCallsAsync(25, TestContext.Current.CancellationToken);

        _simulator.Webhooks.Deliveries.Should().NotBeEmpty();
        _simulator.Webhooks.Deliveries.Where(d => !d.Succeeded).Select(d => $"{d.Event} #{d.Attempt} -> {d.StatusCode} {d.Error}").Should().BeEmpty("every delivery must be acknowledged with 2xx");
        _store.Count.Should().Be(callIds.Count);
        foreach (var id in callIds)
        {
            var expected = _simulator.DefaultAccount.GetCall(id)!;
            var stored = _store.Find(id)!.Call;
            stored.Status.Should().Be(expected.Status, $"call {id}");
            stored.EndedAt.Should().Be(expected.EndedAt, $"call {id}");
            stored.Duration.Should().Be(expected.Duration, $"call {id}");
            stored.MissedCallReason.Should().Be(expected.MissedCallReason, $"call {id}");
            stored.Archived.Should().Be(expected.Archived, $"call {id}");
            (stored.Tags?.Count ?? 0).Should().Be(expected.Tags?.Count ?? 0, $"call {id}");
            (stored.Comments?.Count ?? 0).Should().Be(expected.Comments?.Count ?? 0, $"call {id}");
        }
    }

    [Fact]
    public async Task Deliveries_with_another_token_are_refused_and_store_nothing()
    {
        _tokens.Token = "a-token-that-is-not-the-webhooks-0000";
        await using var provider = SimulatorClient();
        await provider.GetRequiredService<AircallClient>().Webhooks.EnsureWebhookAsync(_webhookUrl, cancellationToken: TestContext.Current.CancellationToken);

        await _simulator.Webhooks.SimulateCallsAsync(1, TestContext.Current.CancellationToken);

        _simulator.Webhooks.Deliveries.Should().NotBeEmpty().And.OnlyContain(d => d.StatusCode == 401);
        _store.Count.Should().Be(0);
    }

    /// <summary>The SDK pointed at the simulator (in memory), as an application would register it.</summary>
    private ServiceProvider SimulatorClient()
    {
        var services = new ServiceCollection();
        services.AddAircallCallSync(o =>
        {
            o.ApiId = _simulator.DefaultAccount.ApiId;
            o.ApiToken = _simulator.DefaultAccount.ApiToken;
            o.BaseAddress = _simulator.BaseAddress;
        }).HttpClient.ConfigurePrimaryHttpMessageHandler(() => _simulator.CreateHandler());
        return services.BuildServiceProvider();
    }

    /// <summary>A resolver whose token is set once the simulator has created the webhook.</summary>
    private sealed class SwappableTokens : IWebhookTokenResolver
    {
        public string Token { get; set; } = "not-set-yet-000000000000000000";

        public ValueTask<WebhookTokenMatch?> ResolveAsync(string token, CancellationToken cancellationToken)
            => ValueTask.FromResult<WebhookTokenMatch?>(WebhookTokenComparer.Matches(token, Token) ? new WebhookTokenMatch(null) : null);
    }
}
