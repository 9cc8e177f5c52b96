using Quartz;

namespace Aircall.CallSync.Quartz;

/// <summary>Reconciles the account jobs with the account store, on one worker of the cluster at a time.</summary>
[DisallowConcurrentExecution]
internal sealed class FleetReconcileJob(AircallFleet fleet) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) =>
        await fleet.ReconcileAsync(cancellationToken).ConfigureAwait(false);
}
