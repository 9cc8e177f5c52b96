namespace Aircall.CallSync.OAuth;

/// <summary>An <see cref="IOAuthStateStore"/> in process memory: for one process, tests and demos. Thread-safe.</summary>
public sealed class InMemoryOAuthStateStore : IOAuthStateStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _states = new(StringComparer.Ordinal);

    /// <inheritdoc/>
    public ValueTask AddAsync(ReadOnlyMemory<byte> stateDigest, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(stateDigest.Span);
        lock (_gate)
        {
            _states[key] = expiresAt;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<bool> TryConsumeAsync(ReadOnlyMemory<byte> stateDigest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(stateDigest.Span);
        lock (_gate)
        {
            if (_states.Count > 1024)
            {
                // Issued states whose callback never came: drop the expired ones so memory stays bounded.
                foreach (var (stale, expires) in _states.ToArray())
                {
                    if (expires <= now)
                    {
                        _states.Remove(stale);
                    }
                }
            }

            return ValueTask.FromResult(_states.Remove(key, out var expiresAt) && expiresAt > now);
        }
    }
}
