namespace Aircall.CallSync.Quartz;

/// <summary>How one slice of an account's sync ended.</summary>
public enum AircallFleetSliceOutcome
{
    /// <summary>Every call up to now is stored: the account's next sync is one <see cref="AircallFleetOptions.Interval"/> away.</summary>
    CaughtUp = 0,

    /// <summary>The slice spent its time or request budget and checkpointed: the account runs again soon, behind accounts already due.</summary>
    MoreToSync = 1,

    /// <summary>Another worker holds the account's lock (its slice is still running): nothing was synced; tried again soon.</summary>
    Busy = 2,

    /// <summary>The slice failed (Aircall 5xx after retries, a network or store error): the account backs off exponentially.</summary>
    Failed = 3,

    /// <summary>
    /// Aircall refused the account's token (401/403). With the account store's credentials a 403 marks the account
    /// <c>NeedsReinstall</c> and its job is removed; an account still <c>Active</c> afterwards backs off like a failure.
    /// </summary>
    NeedsReinstall = 4,

    /// <summary>The account is no longer active (uninstalled, unknown, or its token revoked earlier): its job was removed.</summary>
    Removed = 5,

    /// <summary>The worker is shutting down or lost its account lock: the slice checkpointed and the account runs again soon.</summary>
    Stopped = 6,
}
