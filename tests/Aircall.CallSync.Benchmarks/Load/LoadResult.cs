namespace Aircall.CallSync.Benchmarks.Load;

/// <summary>What one load-generator run measured (latencies in milliseconds, from the moment a request was sent).</summary>
internal sealed record LoadResult
{
    public required string Mode { get; init; }

    public double TargetRate { get; init; }

    public int Concurrency { get; init; }

    public double Seconds { get; init; }

    public long Sent { get; init; }

    public long Succeeded { get; init; }

    public long Failed { get; init; }

    public string? FailureStatuses { get; init; }

    public double RequestsPerSecond { get; init; }

    public double P50 { get; init; }

    public double P90 { get; init; }

    public double P99 { get; init; }

    public double P999 { get; init; }

    public double Max { get; init; }

    /// <summary>p99 measured from when each request was due (open loop), so a late sender shows up too.</summary>
    public double P99FromSchedule { get; init; }

    /// <summary>Requests that left more than 2 ms after they were due (open loop only).</summary>
    public long LateSends { get; init; }
}
