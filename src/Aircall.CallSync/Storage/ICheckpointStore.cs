namespace Aircall.CallSync.Storage;

/// <summary>
/// Where <see cref="Sync.CallSyncRunner"/> keeps its checkpoints: one opaque string per key. Implement it on the database
/// that holds your calls (ideally in the same transaction scope as the calls, though that is not required: a page
/// written twice is harmless). <see cref="InMemoryCheckpointStore"/> is the default and survives nothing.
/// Implementations must be thread-safe.
/// </summary>
public interface ICheckpointStore
{
    /// <summary>The checkpoint saved under <paramref name="key"/>, or <c>null</c>.</summary>
    /// <param name="key">The checkpoint key (see <see cref="Sync.CallSyncOptions.CheckpointKey"/>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken);

    /// <summary>Saves (replaces) the checkpoint under <paramref name="key"/>; return only once it is durable.</summary>
    /// <param name="key">The checkpoint key.</param>
    /// <param name="checkpoint">The opaque checkpoint (a few hundred bytes; ASCII).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask SetAsync(string key, string checkpoint, CancellationToken cancellationToken);
}
