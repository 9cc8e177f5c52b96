using Aircall.CallSync.Api;
using Aircall.CallSync.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Refit;

namespace Aircall.CallSync.Http;

/// <summary>
/// Builds account clients: an <see cref="AccountRequestHandler"/> (credentials, User-Agent, account key) in front of the
/// handler chain IHttpClientFactory manages for <see cref="HttpClientName"/>, wrapped in Refit's generated clients.
/// </summary>
internal sealed class AircallClientFactory : IAircallClientFactory
{
    internal const string HttpClientName = "Aircall.CallSync";

    private readonly IHttpMessageHandlerFactory _handlers;
    private readonly IOptionsMonitor<AircallOptions> _options;
    private readonly IServiceProvider _services;
    private readonly RefitSettings _settings;
    private readonly TimeProvider _timeProvider;
    private readonly RateLimiterRegistry _limiters;
    private readonly ILoggerFactory? _loggers;
    private readonly IRequestPipelineObserver? _observer;

    public AircallClientFactory(IHttpMessageHandlerFactory handlers, IOptionsMonitor<AircallOptions> options, IServiceProvider services, TimeProvider timeProvider, RateLimiterRegistry limiters)
    {
        _handlers = handlers;
        _options = options;
        _services = services;
        _timeProvider = timeProvider;
        _limiters = limiters;
        _loggers = services.GetService<ILoggerFactory>();
        _observer = services.GetService<IRequestPipelineObserver>();
        _settings = CreateRefitSettings(timeProvider);
    }

    public AircallClient CreateClient(AircallCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        return Create(CredentialSource.Fixed(credentials), credentials.AccountKey);
    }

    public AircallClient CreateClient(string accountId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accountId);
        var provider = _services.GetService<IAircallCredentialProvider>()
            ?? throw new InvalidOperationException(
                "No IAircallCredentialProvider is registered: register your implementation with "
                + "builder.AddCredentialProvider<T>() after AddAircallCallSync, or call CreateClient(AircallCredentials).");
        return Create(CredentialSource.FromProvider(provider, accountId), AircallCredentials.AccountKeyOf(accountId));
    }

    internal static RefitSettings CreateRefitSettings(TimeProvider timeProvider) => new()
    {
        ContentSerializer = new SystemTextJsonContentSerializer(TolerantJson.Options),
        UrlParameterFormatter = new AircallUrlParameterFormatter(),
        ExceptionFactory = response => new ValueTask<Exception?>(AircallErrorFactory.CreateAsync(response, timeProvider)),
        // Failures before a response (cancellation, AircallConnectionException, a credential provider's KeyNotFoundException)
        // are rethrown as they are: Refit would wrap them, cancellation included, in its own ApiRequestException.
        TransportExceptionFactory = static (_, exception, _) => exception,
    };

    internal static AircallClient CreateClient(HttpClient httpClient, RefitSettings settings, string accountKey, AircallClientServices? services = null)
        => new(
            RestService.ForGenerated<ICallsApi>(httpClient, AircallJsonContext.Default, settings),
            RestService.ForGenerated<ICallPagesApi>(httpClient, AircallJsonContext.Default, settings),
            RestService.ForGenerated<IWebhooksApi>(httpClient, AircallJsonContext.Default, settings),
            RestService.ForGenerated<IPingApi>(httpClient, AircallJsonContext.Default, settings),
            accountKey,
            services);

    private AircallClient Create(CredentialSource credentials, string accountKey)
    {
        var inner = _handlers.CreateHandler(HttpClientName);
        // disposeHandler: false, because the inner chain belongs to IHttpClientFactory, which rotates and disposes it.
        // The account handler itself holds no resources.
#pragma warning disable CA2000
        var httpClient = new HttpClient(new AccountRequestHandler(credentials, accountKey, inner, _observer), disposeHandler: false)
        {
            BaseAddress = _options.CurrentValue.BaseAddress,
            Timeout = Timeout.InfiniteTimeSpan,
        };
#pragma warning restore CA2000
        var limiters = _limiters;
        return CreateClient(httpClient, _settings, accountKey, new AircallClientServices(
            _timeProvider, _loggers, () => limiters.TryGet(accountKey, out var limiter) ? limiter!.Statistics : RateLimitStatistics.Empty,
            _options.CurrentValue.MaxClockSkew)
        {
            Limiter = () => limiters.Get(accountKey),
        });
    }
}
