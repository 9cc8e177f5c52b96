namespace Aircall.CallSync.Sync;

/// <summary>Where a sync stands, reported after each page is stored. Immutable.</summary>
public sealed class CallSyncProgress
{
    /// <summary>Calls written to the store by this enumeration, counted across resumptions.</summary>
    public required long CallsSynced { get; init; }

    /// <summary>Calls written in this run only.</summary>
    public required long CallsThisRun { get; init; }

    /// <summary>Pages stored in this run.</summary>
    public required int Pages { get; init; }

    /// <summary>Estimated calls in the range, from Aircall's <c>meta.total</c>; <c>null</c> when unknown.</summary>
    public long? EstimatedTotal { get; init; }

    /// <summary>The current window's lower bound (it moves forward past each 10,000 results).</summary>
    public DateTimeOffset? WindowFrom { get; init; }

    /// <summary>The run's fixed upper bound.</summary>
    public DateTimeOffset To { get; init; }

    /// <summary>Requests to Aircall for this account since the run started (every client of the account counts).</summary>
    public long Requests { get; init; }

    /// <summary>429 answers since the run started.</summary>
    public long RateLimitedResponses { get; init; }

    /// <summary>Time requests of this account spent waiting for the rate limiter since the run started, added up.</summary>
    public TimeSpan RateLimitWait { get; init; }

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed { get; init; }
}
