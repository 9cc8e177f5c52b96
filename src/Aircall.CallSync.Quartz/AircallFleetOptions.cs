namespace Aircall.CallSync.Quartz;

/// <summary>
/// How fleet sync schedules and bounds each account's sync (<c>AddFleetSync</c>). Every worker of one fleet must use the
/// same <see cref="ConnectionString"/>, <see cref="SchedulerName"/> and <see cref="TablePrefix"/>; the other settings
/// may differ per worker (a run takes the settings of the worker that runs it).
/// </summary>
public sealed class AircallFleetOptions
{
    /// <summary>
    /// The PostgreSQL database the workers share (Npgsql connection string): Quartz's tables (created on first start
    /// when missing) and the per-account advisory locks live there. Required. Never logged.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The Quartz scheduler (cluster) name, <c>aircall-fleet</c> by default: workers with the same name share the work.</summary>
    public string SchedulerName { get; set; } = "aircall-fleet";

    /// <summary>The prefix of Quartz's table names, <c>qrtz_</c> by default.</summary>
    public string TablePrefix { get; set; } = "qrtz_";

    /// <summary>
    /// How long after an account caught up its next sync starts (five minutes by default): the recurring schedule of each
    /// installed account. Webhooks keep calls current in between; the sync picks up what they missed.
    /// </summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A slice's time budget (one minute by default): after the first page stored past it, the slice checkpoints and ends.
    /// A slice is cut hard at twice this, even while it waits on the rate limit or a request (that page is fetched again).
    /// </summary>
    public TimeSpan SliceDuration { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A slice's request budget (120 by default, two minutes of Aircall's default limit): after the page that reaches
    /// it, the slice checkpoints and ends.
    /// </summary>
    public int SliceRequests { get; set; } = 120;

    /// <summary>
    /// The longest a slice waits for its account's request budget (two seconds by default). When the account's next
    /// request would wait longer (its window's budget is spent), the slice ends after the page it stored, and the
    /// account's next slice is due when the budget allows: a worker's slots go to accounts that can send, not to accounts
    /// waiting out their window. <see cref="TimeSpan.Zero"/> ends a slice at the first wait.
    /// </summary>
    public TimeSpan MaxRateLimitWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How soon an account whose slice ended with more to sync runs again (one second by default). Its next slice queues
    /// behind every account already due, so a big backlog does not starve the others.
    /// </summary>
    public TimeSpan ContinueDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The first back-off after a failed slice (30 seconds by default), doubled after each further failure.</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest back-off between failed slices (one hour by default).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How often the account list is reconciled with the jobs (one minute by default): a job for every
    /// <see cref="Accounts.AircallAccountStatus.Active"/> account, none for the others. <see cref="AircallFleet"/> applies
    /// an install or an uninstall at once; this catches what it was not told.
    /// </summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether this process runs slices (<c>true</c> by default). Set it to <c>false</c> in a process that only schedules,
    /// such as the web app that serves the install and the webhooks: its <see cref="AircallFleet"/> (and the install
    /// flow's first backfill) adds jobs to the cluster, and the workers run them.
    /// </summary>
    public bool RunSlices { get; set; } = true;

    /// <summary>How many slices one worker runs at once (32 by default). Slices mostly wait on the account's rate limit.</summary>
    public int MaxConcurrentSlices { get; set; } = 32;

    /// <summary>How often a worker tells the others it is alive (Quartz's cluster check-in; 7.5 seconds by default).</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>
    /// How long past a missed check-in the others wait before taking a worker's accounts over (7.5 seconds by default).
    /// A dead worker's accounts resume after <see cref="CheckinInterval"/> plus this. Raise it past the worst pause of a
    /// live worker (GC, VM migration, database failover); the per-account lock keeps a worker written off while still
    /// alive from running an account twice either way.
    /// </summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(7.5);

    /// <summary>How often a running slice checks that its account lock's connection is alive (five seconds by default).</summary>
    public TimeSpan LockCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The calls to sync (all by default); see <see cref="Sync.CallSyncOptions.Query"/>.</summary>
    public CallQuery Query { get; set; } = CallQuery.All;

    /// <summary>How far an incremental sync looks back (one day by default); see <see cref="Sync.CallSyncOptions.LookBack"/>.</summary>
    public TimeSpan LookBack { get; set; } = TimeSpan.FromDays(1);
}
