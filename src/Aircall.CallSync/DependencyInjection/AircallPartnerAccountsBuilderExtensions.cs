using Aircall.CallSync;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.OAuth;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers OAuth and partner accounts (one app installed in many Aircall companies) on the builder
/// <c>AddAircallCallSync</c> returns.</summary>
public static class AircallPartnerAccountsBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="IAircallOAuthClient"/> (consent URL, state check, token exchange) with its options
    /// (<c>Aircall:OAuth:*</c> when the SDK was registered from configuration, validated at start-up) and, unless you
    /// registered one, an <see cref="InMemoryOAuthStateStore"/>. <c>AddPartnerAccounts</c> calls it for you.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets options in code, after configuration.</param>
    public static AircallCallSyncBuilder AddOAuth(this AircallCallSyncBuilder builder, Action<AircallOAuthOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<AircallOAuthOptions>().ValidateOnStart();
        if (builder.Configuration is { } section && !services.Any(static d => d.ServiceType == typeof(OAuthConfigured)))
        {
            services.AddSingleton<OAuthConfigured>();
            options.Configure(o => AircallOptionsBinder.Bind(section.GetSection("OAuth"), o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AircallOAuthOptions>, AircallOAuthOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IOAuthStateStore, InMemoryOAuthStateStore>();
        services.AddHttpClient(AircallOAuthOptions.HttpClientName, static client => client.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton<IAircallOAuthClient, AircallOAuthClient>();
        return builder;
    }

    /// <summary>
    /// Registers everything a technology partner needs, in one call: OAuth (<see cref="AddOAuth"/>), the install flow
    /// (<see cref="AircallInstallFlow"/>, mapped by <c>MapAircallInstall</c>), webhooks resolved to accounts by their token's
    /// digest, credentials of each account from the store (<c>IAircallClientFactory.CreateClient(accountId)</c>),
    /// uninstall on <c>integration.deleted</c>, NeedsReinstall on a revoked token, and the first backfill of each
    /// installed account (<see cref="IAccountSyncScheduler"/>, in-process by default). Settings come from
    /// <c>Aircall:Accounts:*</c> (<c>WebhookUrl</c> is required) and <c>Aircall:OAuth:*</c>, validated at start-up.
    /// Stores you registered win (the EF Core package's account and state stores); otherwise in-memory ones are used.
    /// Register your <see cref="ICallStore"/> too.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets account options in code, after configuration.</param>
    /// <param name="configureOAuth">Sets OAuth options in code, after configuration.</param>
    public static AircallCallSyncBuilder AddPartnerAccounts(this AircallCallSyncBuilder builder, Action<AircallAccountsOptions>? configure = null, Action<AircallOAuthOptions>? configureOAuth = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddOAuth(configureOAuth);
        builder.AddWebhooks();
        var services = builder.Services;
        var options = services.AddOptions<AircallAccountsOptions>().ValidateOnStart();
        if (builder.Configuration is { } section && !services.Any(static d => d.ServiceType == typeof(AccountsConfigured)))
        {
            services.AddSingleton<AccountsConfigured>();
            options.Configure(o => AircallOptionsBinder.Bind(section.GetSection("Accounts"), o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AircallAccountsOptions>, AircallAccountsOptionsValidator>());
        builder.AddAccountCredentials();
        services.TryAddSingleton(provider => new WebhookActivityRecorder(
            provider.GetRequiredService<IAircallAccountStore>(),
            provider.GetService<ILoggerFactory>()?.CreateLogger("Aircall.CallSync.Accounts")));
        services.TryAddSingleton<IAccountSyncScheduler, InProcessAccountSyncScheduler>();

        // The account store resolves webhook tokens, unless you registered a resolver of your own.
        services.RemoveAll<IWebhookTokenResolver>(static d => d.ImplementationType == typeof(ConfiguredWebhookTokenResolver));
        services.TryAddSingleton<IWebhookTokenResolver>(provider => new AccountStoreWebhookTokenResolver(
            provider.GetRequiredService<IAircallAccountStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<WebhookActivityRecorder>()));
        services.TryAddSingleton(provider => new AircallInstallFlow(
            provider.GetRequiredService<IAircallOAuthClient>(),
            provider.GetRequiredService<IAircallClientFactory>(),
            provider.GetRequiredService<IAircallAccountStore>(),
            provider.GetRequiredService<IAccountSyncScheduler>(),
            provider.GetRequiredService<IOptionsMonitor<AircallOAuthOptions>>(),
            provider.GetRequiredService<IOptionsMonitor<AircallAccountsOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<AircallInstallFlow>>()));
        return builder;
    }

    /// <summary>
    /// Makes every request for an account (<c>IAircallClientFactory.CreateClient(accountId)</c>) use the access token the
    /// <see cref="IAircallAccountStore"/> keeps for it, for processes that sync installed accounts without serving the
    /// install (fleet workers). An uninstalled account, or one whose token Aircall revoked, is refused with
    /// <see cref="AircallAccountUnavailableException"/> before any request; a 403 to an account's token marks it
    /// <see cref="AircallAccountStatus.NeedsReinstall"/> and stops its sync through the registered
    /// <see cref="IAccountSyncScheduler"/>, if any. Needs no OAuth settings. <see cref="AddPartnerAccounts"/> calls it; a
    /// store you registered wins (the EF Core package's), else an in-memory one is used. Register your
    /// <see cref="ICallStore"/> too.
    /// </summary>
    /// <param name="builder">The builder.</param>
    public static AircallCallSyncBuilder AddAccountCredentials(this AircallCallSyncBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAircallAccountStore, InMemoryAircallAccountStore>();
        CallSyncRunnerRegistration.TryAddCallSyncRunner(services, "syncing installed accounts");
        services.TryAddSingleton(provider => new AccountLifecycle(
            provider.GetRequiredService<IAircallAccountStore>(),
            provider.GetRequiredService<TimeProvider>(),
            provider,
            provider.GetService<ILogger<AccountLifecycle>>()));
        services.TryAddSingleton<IAircallCredentialProvider>(provider => new AccountStoreCredentialProvider(
            provider.GetRequiredService<IAircallAccountStore>(), provider.GetRequiredService<AccountLifecycle>()));
        return builder;
    }

    private static void RemoveAll<TService>(this IServiceCollection services, Func<ServiceDescriptor, bool> match)
    {
        for (var i = services.Count - 1; i >= 0; i--)
        {
            if (services[i].ServiceType == typeof(TService) && match(services[i]))
            {
                services.RemoveAt(i);
            }
        }
    }

    /// <summary>Marks that the OAuth section is bound already (AddOAuth called twice binds once).</summary>
    private sealed class OAuthConfigured;

    /// <summary>Marks that the Accounts section is bound already.</summary>
    private sealed class AccountsConfigured;
}
