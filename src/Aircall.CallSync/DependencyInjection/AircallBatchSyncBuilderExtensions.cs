using Aircall.CallSync;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers batch sync on the builder <c>AddAircallCallSync</c> returns.</summary>
public static class AircallBatchSyncBuilderExtensions
{
    /// <summary>
    /// Registers <see cref="CallSyncRunner"/> and a hosted service that syncs the configured account's calls into your
    /// <see cref="ICallStore"/> every <see cref="AircallBatchSyncOptions.Interval"/> (settings from
    /// <c>Aircall:BatchSync</c> when the SDK was registered from configuration). Register your <see cref="ICallStore"/>
    /// and, so that restarts resume instead of starting over, your <see cref="ICheckpointStore"/>.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets options in code, after configuration.</param>
    public static AircallCallSyncBuilder AddBatchSync(this AircallCallSyncBuilder builder, Action<AircallBatchSyncOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<AircallBatchSyncOptions>().ValidateOnStart();
        if (builder.Configuration is { } section)
        {
            options.Configure(o => AircallOptionsBinder.Bind(section.GetSection("BatchSync"), o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AircallBatchSyncOptions>, AircallBatchSyncOptionsValidator>());
        CallSyncRunnerRegistration.TryAddCallSyncRunner(services, "batch sync");
        services.AddHostedService(provider => new CallSyncBackgroundService(
            provider.GetRequiredService<AircallClient>(),
            provider.GetRequiredService<CallSyncRunner>(),
            provider.GetRequiredService<ICheckpointStore>(),
            provider.GetRequiredService<IOptions<AircallBatchSyncOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<Microsoft.Extensions.Logging.ILogger<CallSyncBackgroundService>>()));
        return builder;
    }
}
