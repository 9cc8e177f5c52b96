using Quartz;

namespace Aircall.CallSync.Quartz;

/// <summary>The job and trigger keys and triggers of fleet sync: one job and one trigger per account, named by its id.</summary>
internal static class FleetKeys
{
    public const string AccountGroup = "aircall-accounts";
    public const string FleetGroup = "aircall-fleet";
    public const string FailuresKey = "failures";

    /// <summary>How early a trigger may fire: Quartz acquires the triggers due within this window together.</summary>
    public static readonly TimeSpan FireAhead = TimeSpan.FromMilliseconds(500);

    public static readonly JobKey Reconcile = new("reconcile", FleetGroup);
    public static readonly TriggerKey ReconcileTrigger = new("reconcile", FleetGroup);

    public static JobKey JobOf(string accountId) => new(accountId, AccountGroup);

    public static TriggerKey TriggerOf(string accountId) => new(accountId, AccountGroup);

    public static IJobDetail AccountJob(string accountId) => JobBuilder.Create<AccountSyncJob>()
        .WithIdentity(JobOf(accountId))
        .WithDescription("Aircall call sync of one account, in slices")
        .DisallowConcurrentExecution()
        .RequestRecovery()
        .StoreDurably()
        .Build();

    /// <summary>
    /// The account's trigger: first at <paramref name="startAt"/>, then every <paramref name="interval"/> as a safety net
    /// (each slice replaces it with its own next time). A late trigger fires as soon as a worker is free, in order of due time.
    /// </summary>
    public static ITrigger AccountTrigger(string accountId, DateTimeOffset startAt, TimeSpan interval, int failures, TimeProvider time) =>
        TriggerBuilder.Create(time)
            .WithIdentity(TriggerOf(accountId))
            .ForJob(JobOf(accountId))
            .StartAt(startAt)
            .WithSchedule(SimpleScheduleBuilder.Create()
                .WithInterval(interval)
                .RepeatForever()
                .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount))
            .UsingJobData(FailuresKey, failures)
            .Build();

    /// <summary>
    /// Whether a trigger that is not running was left behind by a lost rescheduling: the account's recorded next run
    /// (none recorded counts as long past) is more than <paramref name="tolerance"/> ago, yet the trigger will not fire
    /// within <paramref name="tolerance"/> plus <paramref name="backoff"/> from now. A slice that just ended and recorded
    /// a later run is never taken for one (its recorded time has not passed), nor is a trigger waiting out the back-off of
    /// the failures it carries (a job that failed before its slice reschedules without recording a next run).
    /// </summary>
    public static bool IsLate(DateTimeOffset? nextFire, DateTimeOffset? recordedNextRun, DateTimeOffset now, TimeSpan tolerance, TimeSpan backoff = default) =>
        nextFire is { } fire
        && fire > now + tolerance + backoff
        && (recordedNextRun is not { } recorded || recorded < now - tolerance);

    /// <summary>The failed slices in a row a trigger carries (0 when none).</summary>
    public static int FailuresOf(ITrigger trigger) =>
        trigger.JobDataMap.TryGetValue(FailuresKey, out var value) && value is not null
            ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture)
            : 0;

    /// <summary>The exponential back-off after <paramref name="failures"/> failed slices in a row (1 or more), capped.</summary>
    public static TimeSpan Backoff(int failures, TimeSpan initial, TimeSpan max)
    {
        var exponent = Math.Clamp(failures - 1, 0, 30);
        var ticks = initial.Ticks * Math.Pow(2, exponent);
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }
}
