using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.TestSupport;

/// <summary>
/// The SDK as an application registers it (<c>AddAircallCallSync</c>, IHttpClientFactory, <see cref="IAircallClientFactory"/>),
/// with MockHttp as the primary handler instead of the network. Every request that reaches MockHttp is also kept in
/// <see cref="Sent"/> with its body, so tests can assert on what Aircall would have received.
/// </summary>
internal sealed class MockAircall : IDisposable
{
    internal const string BaseUrl = "https://api.test/";

    // Fake credentials only: these strings are what the secrecy tests look for.
    internal const string ApiId = "fake-api-id-7f3a";
    internal const string ApiToken = "fake-api-token-SECRET-91c2";
    internal const string AccessToken = "fake-oauth-token-SECRET-4d8e";

    private readonly ConcurrentQueue<SentRequest> _sent = new();

    public MockAircall(Action<AircallOptions>? configure = null, Action<AircallCallSyncBuilder>? build = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        var builder = services.AddAircallCallSync(options =>
        {
            options.BaseAddress = new Uri(BaseUrl);
            // These tests look at single exchanges: the retry pipeline (tested against the simulator) would repeat a
            // 429 or a 5xx on a clock that never moves.
            options.Resilience.MaxRetryAttempts = 0;
            configure?.Invoke(options);
        });
        builder.HttpClient
            .AddHttpMessageHandler(() => new RecordingHandler(_sent))
            .ConfigurePrimaryHttpMessageHandler(() => Http);
        build?.Invoke(builder);
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public static AircallCredentials BasicCredentials { get; } = AircallCredentials.Basic(ApiId, ApiToken);

    public static AircallCredentials BearerCredentials { get; } = AircallCredentials.Bearer(AccessToken);

    /// <summary>The <c>Authorization</c> parameter Basic auth must send: base64 of <c>api_id:api_token</c>.</summary>
    public static string BasicParameter { get; } = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(ApiId + ":" + ApiToken));

    public MockHttpMessageHandler Http { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public CapturingLoggerProvider Logs { get; } = new();

    public ServiceProvider Services { get; }

    /// <summary>Every request that reached the (mock) network, in order.</summary>
    public IReadOnlyList<SentRequest> Sent => [.. _sent];

    public IAircallClientFactory Factory => Services.GetRequiredService<IAircallClientFactory>();

    /// <summary>A client from the factory, with Basic credentials unless told otherwise.</summary>
    public AircallClient Client(AircallCredentials? credentials = null) => Factory.CreateClient(credentials ?? BasicCredentials);

    public void Dispose()
    {
        Services.Dispose();
        Http.Dispose();
    }

    private sealed class RecordingHandler(ConcurrentQueue<SentRequest> sent) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            sent.Enqueue(await SentRequest.FromAsync(request, cancellationToken));
            return await base.SendAsync(request, cancellationToken);
        }
    }
}
