namespace Aircall.CallSync.Samples.Storage;

/// <summary>Totals over the stored calls.</summary>
/// <param name="Calls">Calls stored.</param>
/// <param name="MissedCalls">Calls that are missed by <c>Call.IsMissed</c>.</param>
/// <param name="AverageInCallDuration">Average talk time of answered, ended calls; <c>null</c> when there are none.</param>
public sealed record CallStoreSummary(long Calls, long MissedCalls, TimeSpan? AverageInCallDuration);
