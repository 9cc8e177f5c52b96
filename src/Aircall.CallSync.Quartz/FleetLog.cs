using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Aircall.CallSync.Quartz;

/// <summary>Source-generated log messages of fleet sync. None carries a token or a connection string.</summary>
internal static partial class FleetLog
{
    [LoggerMessage(1001, LogLevel.Information, "Aircall fleet worker {WorkerId} started: up to {MaxSlices} slices at once")]
    internal static partial void WorkerStarted(ILogger logger, string workerId, int maxSlices);

    [LoggerMessage(1010, LogLevel.Information, "Aircall fleet scheduler {WorkerId} started without running slices (RunSlices is off): the workers run the jobs it adds")]
    internal static partial void SchedulingOnly(ILogger logger, string workerId);

    [LoggerMessage(1011, LogLevel.Warning, "Aircall account {AccountId}: its trigger was left far ahead although its recorded next run passed (a lost rescheduling); due again at {Due}")]
    internal static partial void LateTriggerRepaired(ILogger logger, string accountId, DateTimeOffset due);

    [LoggerMessage(1002, LogLevel.Information, "Aircall fleet reconciled: active accounts: {Active}, jobs added: {Added}, removed: {Removed}, repaired: {Repaired}")]
    internal static partial void Reconciled(ILogger logger, int active, int added, int removed, int repaired);

    [LoggerMessage(1003, LogLevel.Information, "Aircall account {AccountId} is not active ({Status}): its sync job is removed")]
    internal static partial void AccountNotActive(ILogger logger, string accountId, string status);

    [LoggerMessage(1004, LogLevel.Debug, "Aircall account {AccountId} is being synced by another worker: tried again soon")]
    internal static partial void AccountBusy(ILogger logger, string accountId);

    [LoggerMessage(1005, LogLevel.Debug, "Aircall account {AccountId} slice: {Outcome}, calls: {Calls}, requests: {Requests}; next run: {NextRun}")]
    private static partial void SliceEnded(ILogger logger, string accountId, AircallFleetSliceOutcome outcome, long calls, long requests, string nextRun);

    /// <summary>Event 1005, the next run in ISO 8601 or "none (job removed)".</summary>
    internal static void SliceEnded(ILogger logger, string accountId, AircallFleetSliceOutcome outcome, long calls, long requests, DateTimeOffset? nextRun)
    {
        if (logger.IsEnabled(LogLevel.Debug))
        {
            SliceEnded(logger, accountId, outcome, calls, requests, nextRun?.ToString("o", CultureInfo.InvariantCulture) ?? "none (job removed)");
        }
    }

    [LoggerMessage(1006, LogLevel.Warning, "Aircall account {AccountId} slice failed ({Failures} in a row): backing off {BackoffSeconds:0.###} s")]
    internal static partial void SliceFailed(ILogger logger, string accountId, int failures, double backoffSeconds, Exception exception);

    [LoggerMessage(1007, LogLevel.Warning, "Aircall account {AccountId}: its status could not be recorded in the account store (failures in a row: {Failures})")]
    internal static partial void StatusNotRecorded(ILogger logger, string accountId, int failures, Exception exception);

    [LoggerMessage(1008, LogLevel.Warning, "Aircall account {AccountId}: its next run could not be scheduled; the reconcile job brings it back")]
    internal static partial void RescheduleFailed(ILogger logger, string accountId, Exception exception);

    [LoggerMessage(1009, LogLevel.Warning, "Aircall account {AccountId}: a fleet observer failed; the slice goes on")]
    internal static partial void ObserverFailed(ILogger logger, string accountId, Exception exception);
}
