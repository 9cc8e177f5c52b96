using Aircall.CallSync.Sync;

namespace Aircall.CallSync.Quartz;

/// <summary>
/// Follows a slice page by page (the runner reports after each stored and checkpointed page) and ends it, by cancelling,
/// once the page that reaches the request or time budget is stored, or once the account's next request would wait
/// longer than <c>maxRateLimitWait</c> for its budget (<see cref="YieldFor"/> then says how long): the next page is never
/// asked for, and the worker's slot goes to an account that can send.
/// </summary>
internal sealed class SliceProgress(CancellationTokenSource budget, int maxRequests, TimeSpan maxDuration, TimeSpan maxRateLimitWait, TimeProvider time) : IProgress<CallSyncProgress>
{
    private readonly long _started = time.GetTimestamp();

    /// <summary>The account's client, once created: asked after each page how long its next request would wait.</summary>
    public AircallClient? Client { get; set; }

    public long CallsWritten { get; private set; }

    public long Requests { get; private set; }

    /// <summary>Set when the slice ended because its account's next request would wait this long for the budget.</summary>
    public TimeSpan? YieldFor { get; private set; }

    public void Report(CallSyncProgress value)
    {
        CallsWritten = value.CallsThisRun;
        Requests = value.Requests;
        var spent = value.Requests >= maxRequests || time.GetElapsedTime(_started) >= maxDuration;
        if (Client?.EstimateRateLimitWait() is { } wait && wait > maxRateLimitWait)
        {
            // Also when the slice's own budget is spent: its account is not due again before its budget allows.
            YieldFor = wait;
            spent = true;
        }

        if (spent)
        {
            budget.Cancel();
        }
    }
}
