using System.Collections.Concurrent;
using Aircall.CallSync.Accounts;
using Npgsql;

namespace Aircall.CallSync.IntegrationTests.Fleet;

/// <summary>
/// An account store whose reads of one account fail a given number of times, as a store on a PostgreSQL server out of
/// connections does; everything else goes to the in-memory store underneath. Each read of that account is timed.
/// </summary>
internal sealed class FlakyAccountStore(InMemoryAircallAccountStore inner) : IAircallAccountStore
{
    private readonly ConcurrentQueue<(DateTimeOffset At, bool Failed)> _reads = new();
    private string? _accountId;
    private int _failuresLeft;

    /// <summary>The next <paramref name="count"/> reads (<see cref="FindAsync"/>) of <paramref name="accountId"/> throw.</summary>
    public void FailReads(string accountId, int count)
    {
        _accountId = accountId;
        Volatile.Write(ref _failuresLeft, count);
    }

    /// <summary>The reads of the failing account, in order: when, and whether it threw.</summary>
    public IReadOnlyList<(DateTimeOffset At, bool Failed)> Reads => [.. _reads];

    public ValueTask<AircallAccount?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        if (string.Equals(accountId, _accountId, StringComparison.Ordinal))
        {
            var failed = Interlocked.Decrement(ref _failuresLeft) >= 0;
            _reads.Enqueue((DateTimeOffset.UtcNow, failed));
            if (failed)
            {
                throw new NpgsqlException("The connection pool has been exhausted, either raise 'Max Pool Size' (currently 100) or 'Timeout' (currently 15 seconds) in your connection string.");
            }
        }

        return inner.FindAsync(accountId, cancellationToken);
    }

    public ValueTask<AircallAccount?> FindByWebhookTokenDigestAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken) =>
        inner.FindByWebhookTokenDigestAsync(digest, cancellationToken);

    public IAsyncEnumerable<AircallAccount> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

    public ValueTask SaveAsync(AircallAccount account, CancellationToken cancellationToken) => inner.SaveAsync(account, cancellationToken);

    public ValueTask RecordActivityAsync(string accountId, AircallAccountActivity activity, CancellationToken cancellationToken) =>
        inner.RecordActivityAsync(accountId, activity, cancellationToken);
}
