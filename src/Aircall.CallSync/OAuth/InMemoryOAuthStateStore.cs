namespace Aircall.CallSync.OAuth;

/// <summary>An <see cref="IOAuthStateStore"/> in process memory: for one process, tests and demos. Thread-safe.</summary>
public sealed class InMemoryOAuthStateStore : IOAuthStateStore
{
    private readonly Lock _gate = new();
    private const int SweepThreshold = 1024;

    private readonly Dictionary<string, DateTimeOffset> _states = new(StringComparer.Ordinal);
    private int _sweepAt = SweepThreshold;

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
            if (_states.Count > _sweepAt)
            {
                // Issued states whose callback never came: drop the expired ones so memory stays bounded. The next sweep
                // waits for twice what is left, so a flood of live states costs amortised O(1) per consume, not a scan.
                foreach (var (stale, expires) in _states)
                {
                    if (expires <= now)
                    {
                        _states.Remove(stale);
                    }
                }

                _sweepAt = Math.Max(SweepThreshold, _states.Count * 2);
            }

            return ValueTask.FromResult(_states.Remove(key, out var expiresAt) && expiresAt > now);
        }
    }
}
