namespace Aircall.CallSync.Benchmarks.Sync;

/// <summary>What one sync child measured in its own process.</summary>
internal sealed record SyncChildResult
{
    public required string Mode { get; init; }

    public long Calls { get; init; }

    public long IdSum { get; init; }

    public long OutOfOrder { get; init; }

    public double ElapsedSeconds { get; init; }

    public double FirstCallSeconds { get; init; }

    public long AllocatedBytes { get; init; }

    public long PeakWorkingSetBytes { get; init; }

    public long WorkingSetBeforeBytes { get; init; }

    public long ClientRequests { get; init; }

    public long ClientRateLimited { get; init; }

    public string? StopReason { get; init; }

    public int Gen0 { get; init; }

    public int Gen1 { get; init; }

    public int Gen2 { get; init; }
}
