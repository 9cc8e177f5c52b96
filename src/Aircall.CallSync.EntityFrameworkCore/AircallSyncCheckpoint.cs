namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// A batch sync checkpoint as the <c>aircall_sync_checkpoints</c> table holds it: one opaque string per checkpoint key,
/// written by <see cref="EntityFrameworkCoreCheckpointStore{TContext}"/>.
/// </summary>
public sealed class AircallSyncCheckpoint
{
    /// <summary>The checkpoint key (<c>CallSyncOptions.CheckpointKey</c>, or the runner's default key).</summary>
    public string Name { get; set; } = string.Empty;

    /// <summary>The opaque checkpoint, exactly as the runner saved it.</summary>
    public string Checkpoint { get; set; } = string.Empty;

    /// <summary>When it was saved (UTC, whole seconds; UNIX seconds in the database).</summary>
    public DateTimeOffset SavedAt { get; set; }
}
