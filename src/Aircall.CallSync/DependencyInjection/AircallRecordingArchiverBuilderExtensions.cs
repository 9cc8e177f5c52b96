using Aircall.CallSync.Recordings;
using Aircall.CallSync.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the recording archiver on the builder <c>AddAircallCallSync</c> returns.</summary>
public static class AircallRecordingArchiverBuilderExtensions
{
    /// <summary>
    /// Archives every recording and voicemail of the calls the SDK stores (from webhooks and batch sync) before their
    /// links expire: an <see cref="ICallWriteObserver"/> queues one job per account, call and kind into the registered
    /// <see cref="IRecordingArchiveStore"/> (in memory unless you register a durable one), and a hosted service downloads
    /// each, streaming, into the registered <see cref="IRecordingSink"/> (or a <see cref="FileSystemRecordingSink"/> on
    /// <see cref="RecordingArchiverOptions.Directory"/>). Settings come from <c>Aircall:Recordings</c> when the SDK was
    /// registered from configuration, then <paramref name="configure"/>; they are validated at start-up.
    /// Downloads go through the IHttpClientFactory client named <c>Aircall.CallSync.Recordings</c>, which sends no Aircall
    /// credentials and follows no redirect by itself (each hop's host is checked). See docs/recordings.md.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets options in code, after configuration.</param>
    public static AircallCallSyncBuilder AddRecordingArchiver(this AircallCallSyncBuilder builder, Action<RecordingArchiverOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<RecordingArchiverOptions>().ValidateOnStart();
        if (builder.Configuration is { } section)
        {
            options.Configure(o => AircallOptionsBinder.Bind(section.GetSection("Recordings"), o));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RecordingArchiverOptions>, RecordingArchiverOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IRecordingArchiveStore, InMemoryRecordingArchiveStore>();
        services.AddHttpClient(RecordingArchiver.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                ConnectTimeout = TimeSpan.FromSeconds(30),
            });
        services.TryAddSingleton(provider => new RecordingLinkHints(provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new RecordingClients(provider));
        services.TryAddSingleton(provider => new RecordingArchiver(
            provider.GetRequiredService<IRecordingArchiveStore>(),
            DefaultRecordingSink.Resolve(provider),
            provider.GetRequiredService<IHttpClientFactory>(),
            provider.GetRequiredService<RecordingClients>(),
            provider.GetRequiredService<RecordingLinkHints>(),
            provider.GetRequiredService<IOptions<RecordingArchiverOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<RecordingArchiver>>()));
        if (!services.Any(d => d.ServiceType == typeof(RecordingArchiveObserver)))
        {
            services.AddSingleton(provider => new RecordingArchiveObserver(provider.GetRequiredService<RecordingArchiver>()));
            services.AddSingleton<ICallWriteObserver>(provider => provider.GetRequiredService<RecordingArchiveObserver>());
            services.AddSingleton<IHostedService>(provider => new RecordingArchiverService(provider.GetRequiredService<RecordingArchiver>()));
        }

        return builder;
    }
}
