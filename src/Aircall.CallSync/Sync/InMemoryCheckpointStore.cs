using System.Collections.Concurrent;

namespace Aircall.CallSync.Sync;

/// <summary>A thread-safe <see cref="ICheckpointStore"/> in memory: for tests, demos, and runs that need no resumption across processes.</summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<string, string> _checkpoints = new(StringComparer.Ordinal);

    /// <summary>How many checkpoints have been saved, in all (for tests).</summary>
    public int Writes => Volatile.Read(ref _writes);

    private int _writes;

    /// <inheritdoc/>
    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return ValueTask.FromResult(_checkpoints.TryGetValue(key, out var value) ? value : null);
    }

    /// <inheritdoc/>
    public ValueTask SetAsync(string key, string checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(checkpoint);
        cancellationToken.ThrowIfCancellationRequested();
        _checkpoints[key] = checkpoint;
        Interlocked.Increment(ref _writes);
        return ValueTask.CompletedTask;
    }
}
