using System.Diagnostics.CodeAnalysis;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers webhook ingestion on the builder <c>AddAircallCallSync</c> returns.</summary>
public static class AircallWebhookBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="AircallWebhookProcessor"/> and, unless you register your own resolver, a token resolver for
    /// <c>Aircall:WebhookToken</c>/<c>Aircall:WebhookTokens</c>. Register your <see cref="ICallStore"/> too. Options are
    /// validated at start-up.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets options in code, after configuration.</param>
    public static AircallCallSyncBuilder AddWebhooks(this AircallCallSyncBuilder builder, Action<AircallWebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<AircallWebhookOptions>().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AircallWebhookOptions>, AircallWebhookOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IWebhookTokenResolver, ConfiguredWebhookTokenResolver>();
        services.TryAddSingleton(provider => new AircallWebhookProcessor(
            provider.GetService<ICallStore>() ?? throw new InvalidOperationException(
                "No ICallStore is registered: webhooks need somewhere to save calls. Register yours, e.g. "
                + "services.AddSingleton<ICallStore, MyCallStore>() (InMemoryCallStore for tests)."),
            provider.GetRequiredService<IWebhookTokenResolver>(),
            provider.GetRequiredService<IOptions<AircallWebhookOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<AircallWebhookProcessor>>(),
            WithAccountEvents(provider, provider.GetService<IWebhookEventConsumer>())));
        return builder;
    }

    /// <summary>With partner accounts, <c>integration.deleted</c> uninstalls the account before your consumer sees the event.</summary>
    private static IWebhookEventConsumer? WithAccountEvents(IServiceProvider provider, IWebhookEventConsumer? consumer)
        => provider.GetService<Aircall.CallSync.Accounts.AccountLifecycle>() is { } lifecycle
            ? new Aircall.CallSync.Accounts.AccountWebhookConsumer(lifecycle, consumer, provider.GetService<ILoggerFactory>()?.CreateLogger("Aircall.CallSync.Accounts"))
            : consumer;

    /// <summary>Uses your token resolver (multi-tenant: one webhook token per customer account).</summary>
    /// <typeparam name="TResolver">Your implementation; registered as a singleton.</typeparam>
    /// <param name="builder">The builder.</param>
    public static AircallCallSyncBuilder AddWebhookTokenResolver<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TResolver>(this AircallCallSyncBuilder builder)
        where TResolver : class, IWebhookTokenResolver
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IWebhookTokenResolver, TResolver>());
        return builder;
    }

    /// <summary>Uses the token resolver the factory returns (for an instance, or one built from other services).</summary>
    /// <param name="builder">The builder.</param>
    /// <param name="factory">Creates the resolver once.</param>
    public static AircallCallSyncBuilder AddWebhookTokenResolver(this AircallCallSyncBuilder builder, Func<IServiceProvider, IWebhookTokenResolver> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.Replace(ServiceDescriptor.Singleton(factory));
        return builder;
    }

    /// <summary>Receives verified non-call events (users, contacts, ...).</summary>
    /// <typeparam name="TConsumer">Your implementation; registered as a singleton.</typeparam>
    /// <param name="builder">The builder.</param>
    public static AircallCallSyncBuilder AddWebhookEventConsumer<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] TConsumer>(this AircallCallSyncBuilder builder)
        where TConsumer : class, IWebhookEventConsumer
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.Replace(ServiceDescriptor.Singleton<IWebhookEventConsumer, TConsumer>());
        return builder;
    }
}
