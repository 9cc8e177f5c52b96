namespace Aircall.CallSync.OAuth;

/// <summary>
/// Remembers the OAuth <c>state</c> values the SDK issued until their callback arrives, so that a callback with a
/// missing, forged, expired or replayed state is refused. Each state is consumed once. Only a digest of the state needs
/// to be kept. The EF Core package implements it for receivers that scale out; <see cref="InMemoryOAuthStateStore"/>
/// serves one process. Implementations must be thread-safe, and <see cref="TryConsumeAsync"/> atomic across processes.
/// </summary>
public interface IOAuthStateStore
{
    /// <summary>Remembers an issued state until <paramref name="expiresAt"/>.</summary>
    /// <param name="stateDigest">The SHA-256 digest (32 bytes) of the state.</param>
    /// <param name="expiresAt">When the state stops being accepted (UTC).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask AddAsync(ReadOnlyMemory<byte> stateDigest, DateTimeOffset expiresAt, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets the state and returns <c>true</c> when it was issued and has not expired at <paramref name="now"/>; returns
    /// <c>false</c> for an unknown, expired or already consumed state. Of two concurrent calls for one state, at most one
    /// returns <c>true</c>. Implementations may delete expired states while at it.
    /// </summary>
    /// <param name="stateDigest">The SHA-256 digest (32 bytes) of the state from the callback.</param>
    /// <param name="now">The current time (UTC).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    ValueTask<bool> TryConsumeAsync(ReadOnlyMemory<byte> stateDigest, DateTimeOffset now, CancellationToken cancellationToken);
}
