using Aircall.CallSync;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.Quartz;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers fleet sync on the builder <c>AddAircallCallSync</c> returns.</summary>
public static class AircallFleetBuilderExtensions
{
    /// <summary>
    /// Makes this process a worker of the fleet: a clustered Quartz scheduler named
    /// <see cref="AircallFleetOptions.SchedulerName"/> on the PostgreSQL database of
    /// <see cref="AircallFleetOptions.ConnectionString"/> (its tables are created on first start), one recurring sync job
    /// per active account of your <see cref="IAircallAccountStore"/>, run in bounded slices by <see cref="CallSyncRunner"/>
    /// into your <see cref="ICallStore"/> and <see cref="ICheckpointStore"/>, and <see cref="AircallFleet"/> to schedule or
    /// remove an account at once; it is also the <see cref="IAccountSyncScheduler"/>, so the install flow of
    /// <c>AddPartnerAccounts</c> schedules an installed account's first backfill on the fleet. Register the account, call
    /// and checkpoint stores (the EF Core package has all three). Requests use each account's access token from the
    /// account store (<c>AddAccountCredentials</c>): a revoked token (403) marks the account NeedsReinstall and removes its
    /// job. Options are validated when the host starts.
    /// </summary>
    /// <param name="builder">The builder.</param>
    /// <param name="configure">Sets the options; <see cref="AircallFleetOptions.ConnectionString"/> is required.</param>
    public static AircallCallSyncBuilder AddFleetSync(this AircallCallSyncBuilder builder, Action<AircallFleetOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        var services = builder.Services;
        var settings = new AircallFleetOptions();
        configure(settings);
        services.AddOptions<AircallFleetOptions>().Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<AircallFleetOptions>, AircallFleetOptionsValidator>(_ => new AircallFleetOptionsValidator(settings)));
        services.TryAddSingleton(TimeProvider.System);

        services.AddQuartz(settings.SchedulerName, quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.MaxBatchSize = settings.MaxConcurrentSlices;
                // Acquire in one trip through the cluster's trigger lock every trigger due within FireAhead, not only
                // those due at the same instant: with hundreds of accounts rescheduling themselves, one trigger per trip
                // makes that lock the bottleneck. A slice (or a back-off) may so start up to FireAhead early.
                scheduler.BatchTriggerAcquisitionFireAheadTimeWindow = FleetKeys.FireAhead;
                scheduler.IdleWaitTime = TimeSpan.FromSeconds(5);
                // A stopping worker asks its slices to checkpoint and end, then waits for them.
                scheduler.ShutdownJobInterruption = ShutdownJobInterruption.WhenWaitingForJobs;
            });
            quartz.UseDefaultThreadPool(settings.MaxConcurrentSlices);
            if (!string.IsNullOrWhiteSpace(settings.ConnectionString))
            {
                quartz.UsePersistentStore(store =>
                {
                    store.UsePostgres(settings.ConnectionString);
                    store.UseClustering(cluster =>
                    {
                        cluster.CheckinInterval = settings.CheckinInterval;
                        cluster.CheckinMisfireThreshold = settings.CheckinMisfireThreshold;
                    });
                    store.ProvisionSchema();
                    store.ConfigureStore(options =>
                    {
                        options.TablePrefix = settings.TablePrefix;
                        // A late slice is still worth running, in order of due time: nothing is ever "misfired" away.
                        options.MisfireThreshold = TimeSpan.FromHours(1);
                    });
                });
            }
        });

        // The account store's credentials, the CallSyncRunner over your call and checkpoint stores.
        builder.AddAccountCredentials();
        services.TryAddSingleton(provider => new AccountLocks(
            provider.GetRequiredService<IOptions<AircallFleetOptions>>().Value.ConnectionString!,
            provider.GetRequiredService<IOptions<AircallFleetOptions>>().Value.SchedulerName,
            provider.GetRequiredService<IOptions<AircallFleetOptions>>().Value.LockCheckInterval,
            provider.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(provider => new AircallFleet(
            // The fleet's own scheduler, keyed by its name: an application's other Quartz schedulers are left alone.
            provider.GetRequiredKeyedService<ISchedulerFactory>(settings.SchedulerName),
            AccountStore(provider),
            provider.GetRequiredService<IOptions<AircallFleetOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetService<ILogger<AircallFleet>>()));
        // The install flow's first backfill (and a stop on uninstall or a revoked token) goes to the fleet's jobs.
        services.Replace(ServiceDescriptor.Singleton<IAccountSyncScheduler>(provider => provider.GetRequiredService<AircallFleet>()));
        services.TryAddTransient<AccountSyncJob>();
        services.TryAddTransient<FleetReconcileJob>();
        services.AddHostedService<FleetStartup>();
        return builder;
    }

    private static IAircallAccountStore AccountStore(IServiceProvider provider) =>
        provider.GetService<IAircallAccountStore>() ?? throw new InvalidOperationException(
            "No IAircallAccountStore is registered: fleet sync syncs the accounts installed there. Register yours, e.g. "
            + "the EF Core package's account store.");
}
