namespace Aircall.CallSync.Sync;

/// <summary>What a completed <see cref="CallSyncRunner.RunAsync"/> did.</summary>
public sealed class CallSyncResult
{
    /// <summary>Calls written to the store in this run (each page once; writes the store declined as stale included).</summary>
    public required long CallsWritten { get; init; }

    /// <summary>Writes the store applied (it declines snapshots older than what it holds).</summary>
    public required long CallsApplied { get; init; }

    /// <summary>Pages stored in this run.</summary>
    public required int Pages { get; init; }

    /// <summary>Whether the run continued an interrupted one from its checkpoint.</summary>
    public required bool Resumed { get; init; }

    /// <summary>The lower bound this run started from (<c>null</c>: the oldest call the API serves).</summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>The upper bound the run synced up to; the next run starts from here minus the look-back.</summary>
    public required DateTimeOffset To { get; init; }

    /// <summary>Requests to Aircall for this account during the run.</summary>
    public long Requests { get; init; }

    /// <summary>429 answers during the run.</summary>
    public long RateLimitedResponses { get; init; }

    /// <summary>Time requests spent waiting for the rate limiter during the run, added up.</summary>
    public TimeSpan RateLimitWait { get; init; }

    /// <summary>How long the run took.</summary>
    public TimeSpan Elapsed { get; init; }
}
