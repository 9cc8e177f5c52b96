namespace Aircall.CallSync.Quartz;

/// <summary>What <see cref="AircallFleet.ReconcileAsync"/> changed.</summary>
public sealed class AircallFleetReconcileResult
{
    /// <summary>Active accounts found in the account store.</summary>
    public int ActiveAccounts { get; init; }

    /// <summary>Accounts that had no job and got one.</summary>
    public int Added { get; init; }

    /// <summary>Jobs removed because their account is no longer active (uninstalled, needs reinstall, deleted).</summary>
    public int Removed { get; init; }

    /// <summary>Active accounts whose job had lost its trigger or whose trigger was in error, and were scheduled again.</summary>
    public int Repaired { get; init; }
}
