namespace Aircall.CallSync.Storage;

/// <summary>
/// Where calls are saved: the one interface you implement to plug your database into batch sync and webhooks.
/// </summary>
/// <remarks>
/// <para>Contract, checked by the conformance kit in <c>Aircall.CallSync.Testing</c>:</para>
/// <list type="bullet">
/// <item>A call's identity is (<see cref="CallWrite.AccountId"/>, <see cref="CallWrite.CallId"/>): upsert by both,
/// keeping the version you stored with the row. A store shared by several accounts puts the account in its key (a
/// composite primary key or unique index), so a write for account A never changes account B's row with the same call
/// id, and reads are scoped to an account. <c>null</c> is the account of an application that serves one.</item>
/// <item>Apply a write only when <see cref="CallWrite.Supersedes"/> says so against what you hold for that account's
/// call: a write with an older version never overwrites a newer one, and a call never moves back in its
/// lifecycle.</item>
/// <item>Keep <see cref="CallWrite.Version"/> at its full precision, microseconds (e.g. UNIX microseconds in a 64-bit
/// integer, or a microsecond timestamp): two events of the same second must be ordered, never tied or swapped by
/// rounding.</item>
/// <item>Repeated writes are harmless (deliveries are at least once, and a resumed sync re-sends a page).</item>
/// <item>Be safe under concurrent writers to the same call: make the compare-and-write atomic (a conditional upsert,
/// a transaction or a lock).</item>
/// <item>Return only once the writes are durable: the caller saves its checkpoint or answers Aircall 2xx right after.
/// Throw on failure; nothing is lost, the caller retries.</item>
/// </list>
/// </remarks>
public interface ICallStore
{
    /// <summary>Saves one call snapshot if it supersedes what the store holds.</summary>
    /// <param name="write">The snapshot and its version.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><c>true</c> when the snapshot was applied; <c>false</c> when the store kept a newer state.</returns>
    ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a page of snapshots. The default writes them one by one; override it to use one transaction.
    /// </summary>
    /// <param name="writes">The snapshots, in page order.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>How many snapshots were applied.</returns>
    async ValueTask<int> UpsertManyAsync(IReadOnlyList<CallWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        var applied = 0;
        for (var i = 0; i < writes.Count; i++)
        {
            if (await UpsertAsync(writes[i], cancellationToken).ConfigureAwait(false))
            {
                applied++;
            }
        }

        return applied;
    }
}
