using Quartz;

namespace Aircall.CallSync.Quartz;

/// <summary>Queries of the fleet's jobs.</summary>
internal static class FleetScheduler
{
    public static async Task<List<JobKey>> AccountJobKeysAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        var keys = new List<JobKey>();
        var query = new JobQuery { Group = GroupMatcher<JobKey>.GroupEquals(FleetKeys.AccountGroup), Take = PagedQuery.All };
        var page = await scheduler.QueryJobs(query, cancellationToken).ConfigureAwait(false);
        foreach (var job in page.Items)
        {
            keys.Add(job.Key);
        }

        return keys;
    }
}
