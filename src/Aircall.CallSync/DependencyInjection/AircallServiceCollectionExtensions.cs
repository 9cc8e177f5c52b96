using Aircall.CallSync;
using Aircall.CallSync.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the SDK in a service collection.</summary>
public static class AircallServiceCollectionExtensions
{
    /// <summary>The configuration section read by <see cref="AddAircallCallSync(IServiceCollection, IConfiguration)"/>.</summary>
    public const string ConfigurationSection = "Aircall";

    /// <summary>
    /// Registers the SDK configured in code: <see cref="IAircallClientFactory"/>, an <see cref="AircallClient"/> for the
    /// configured credentials (if any), and the HTTP pipeline. Options are validated when the host starts.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the options.</param>
    public static AircallCallSyncBuilder AddAircallCallSync(this IServiceCollection services, Action<AircallOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = AddCore(services);
        services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Registers the SDK configured from <paramref name="configuration"/>: the <c>Aircall</c> section of it when there is
    /// one (<c>ApiId</c>, <c>ApiToken</c>, <c>AccessToken</c>, <c>AccountId</c>, <c>BaseAddress</c>,
    /// <c>RateLimit:PermitLimit</c>, <c>RateLimit:Window</c>, <c>RateLimit:MaxResetWait</c>, <c>Resilience:*</c>; <c>WebhookToken(s)</c> and <c>Webhooks:*</c> for <c>AddWebhooks</c>;
    /// <c>BatchSync:*</c> for <c>AddBatchSync</c>), otherwise the configuration itself.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The application's configuration, or its <c>Aircall</c> section.</param>
    public static AircallCallSyncBuilder AddAircallCallSync(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(ConfigurationSection);
        var source = section.Exists() ? section : configuration;
        var core = AddCore(services);
        services.AddOptions<AircallOptions>().Configure(options => AircallOptionsBinder.Bind(source, options));
        services.AddOptions<Aircall.CallSync.Webhooks.AircallWebhookOptions>().Configure(options => AircallOptionsBinder.Bind(source, options));
        return new AircallCallSyncBuilder(core.Services, core.HttpClient) { Configuration = source };
    }

    private static AircallCallSyncBuilder AddCore(IServiceCollection services)
    {
        services.AddOptions<AircallOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AircallOptions>, AircallOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddTransient<ConnectionFailureHandler>();
        services.TryAddTransient<TelemetryHandler>();
        services.TryAddTransient<RateLimitHandler>();
        services.TryAddTransient<ResponseBufferingHandler>();
        services.TryAddSingleton<RateLimiterRegistry>();
        var httpClient = services.AddHttpClient(AircallClientFactory.HttpClientName).AddAircallPipeline();
        services.TryAddSingleton<IAircallClientFactory, AircallClientFactory>();
        services.TryAddSingleton(provider =>
        {
            var options = provider.GetRequiredService<IOptions<AircallOptions>>().Value;
            var credentials = options.GetCredentials()
                ?? throw new InvalidOperationException(
                    "No Aircall credentials are configured, so there is no default AircallClient: set Aircall:ApiId and "
                    + "Aircall:ApiToken, or Aircall:AccessToken, or create clients per account with IAircallClientFactory.");
            return provider.GetRequiredService<IAircallClientFactory>().CreateClient(credentials);
        });
        return new AircallCallSyncBuilder(services, httpClient);
    }
}
