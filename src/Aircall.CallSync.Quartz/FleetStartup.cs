using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Quartz;

namespace Aircall.CallSync.Quartz;

/// <summary>
/// On start, makes sure the cluster has its reconcile job (every process tries; the first one stores it, due now) and,
/// unless <see cref="AircallFleetOptions.RunSlices"/> is off, starts the fleet's scheduler; on stop, shuts it down,
/// letting running slices checkpoint and end.
/// </summary>
internal sealed class FleetStartup(AircallFleet fleet, IOptions<AircallFleetOptions> options, TimeProvider time, ILogger<FleetStartup>? logger = null) : IHostedService
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;
    private IScheduler? _scheduler;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var scheduler = await fleet.SchedulerAsync(cancellationToken).ConfigureAwait(false);
        var job = JobBuilder.Create<FleetReconcileJob>()
            .WithIdentity(FleetKeys.Reconcile)
            .WithDescription("Aircall fleet: one sync job per active account")
            .DisallowConcurrentExecution()
            .StoreDurably()
            .Build();
        var trigger = TriggerBuilder.Create(time)
            .WithIdentity(FleetKeys.ReconcileTrigger)
            .ForJob(FleetKeys.Reconcile)
            .StartNow()
            .WithSchedule(SimpleScheduleBuilder.Create()
                .WithInterval(settings.ReconcileInterval)
                .RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount))
            .Build();
        try
        {
            if (!await scheduler.Exists(FleetKeys.Reconcile, cancellationToken).ConfigureAwait(false))
            {
                await scheduler.ScheduleJob(job, trigger, default, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ObjectAlreadyExistsException)
        {
            // Another worker stored it first.
        }

        if (!settings.RunSlices)
        {
            // A scheduling-only process: its jobs are stored in the cluster's tables and run by the workers.
            FleetLog.SchedulingOnly(_logger, scheduler.SchedulerInstanceId);
            return;
        }

        await scheduler.Start(cancellationToken).ConfigureAwait(false);
        _scheduler = scheduler;
        FleetLog.WorkerStarted(_logger, scheduler.SchedulerInstanceId, settings.MaxConcurrentSlices);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_scheduler is { } scheduler)
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken).ConfigureAwait(false);
        }
    }
}
