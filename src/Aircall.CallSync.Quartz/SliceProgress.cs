using Aircall.CallSync.Sync;

namespace Aircall.CallSync.Quartz;

/// <summary>
/// Follows a slice page by page (the runner reports after each stored and checkpointed page) and ends it, by cancelling,
/// once the page that reaches the request or time budget is stored: the next page is never asked for.
/// </summary>
internal sealed class SliceProgress(CancellationTokenSource budget, int maxRequests, TimeSpan maxDuration, TimeProvider time) : IProgress<CallSyncProgress>
{
    private readonly long _started = time.GetTimestamp();

    public long CallsWritten { get; private set; }

    public long Requests { get; private set; }

    public void Report(CallSyncProgress value)
    {
        CallsWritten = value.CallsThisRun;
        Requests = value.Requests;
        if (value.Requests >= maxRequests || time.GetElapsedTime(_started) >= maxDuration)
        {
            budget.Cancel();
        }
    }
}
