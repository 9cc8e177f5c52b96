using System.Collections.Concurrent;

namespace Aircall.CallSync.Storage;

/// <summary>A thread-safe <see cref="ICheckpointStore"/> in memory: for tests, demos, and runs that need no resumption across processes.</summary>
public sealed class InMemoryCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<string, string> _checkpoints = new(StringComparer.Ordinal);

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
        return ValueTask.CompletedTask;
    }
}
