namespace Aircall.CallSync.Quartz;

/// <summary>What one slice of an account's sync did, as <see cref="IAircallFleetObserver.SliceCompletedAsync"/> receives it.</summary>
public sealed class AircallFleetSlice
{
    /// <summary>The account.</summary>
    public required string AccountId { get; init; }

    /// <summary>The worker that ran the slice (its Quartz instance id).</summary>
    public required string WorkerId { get; init; }

    /// <summary>How the slice ended.</summary>
    public AircallFleetSliceOutcome Outcome { get; init; }

    /// <summary>Calls written to the store by this slice.</summary>
    public long CallsWritten { get; init; }

    /// <summary>Requests the slice's pages took (rate-limit retries included), as far as the last stored page.</summary>
    public long Requests { get; init; }

    /// <summary>When the slice started (UTC, the worker's clock).</summary>
    public DateTimeOffset StartedAt { get; init; }

    /// <summary>When the slice ended (UTC, the worker's clock).</summary>
    public DateTimeOffset EndedAt { get; init; }

    /// <summary>When the account runs next; <c>null</c> when its job was removed.</summary>
    public DateTimeOffset? NextRunAt { get; init; }

    /// <summary>What went wrong, for people to read (never a token); <c>null</c> unless the slice failed.</summary>
    public string? Error { get; init; }
}
