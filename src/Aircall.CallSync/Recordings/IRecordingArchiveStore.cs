namespace Aircall.CallSync.Recordings;

/// <summary>
/// The durable list of archive jobs the recording archiver works through: one job per (account, call, kind), queued after
/// the call is stored, kept after it is done so that no event or re-run downloads it again. The default,
/// <see cref="InMemoryRecordingArchiveStore"/>, survives nothing; Aircall.CallSync.EntityFrameworkCore keeps jobs in a
/// table, so pending downloads resume after a restart. Implementations are thread-safe.
/// </summary>
public interface IRecordingArchiveStore
{
    /// <summary>
    /// Adds a pending job, due at <paramref name="now"/>, for each key the queue does not know; a key it knows (in any
    /// status) is left as it is. Return only once the new jobs are durable.
    /// </summary>
    /// <param name="keys">The jobs to add.</param>
    /// <param name="now">The current time.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    /// <returns>How many jobs were added.</returns>
    ValueTask<int> EnqueueAsync(IReadOnlyList<RecordingArchiveKey> keys, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Takes up to <paramref name="maxCount"/> pending jobs due at <paramref name="now"/> (oldest due first) and, atomically
    /// with taking them, moves their <see cref="RecordingArchiveJob.NextAttemptAt"/> to <paramref name="leaseUntil"/>, so
    /// that no other worker takes them before then. A job its worker never finishes (the process died) is due again at the
    /// end of the lease.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="maxCount">The most jobs to take.</param>
    /// <param name="leaseUntil">When the taken jobs become due again if not updated.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<IReadOnlyList<RecordingArchiveJob>> ClaimDueAsync(DateTimeOffset now, int maxCount, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>Saves a job's status, attempts, next attempt, size, hash, location and reason.</summary>
    /// <param name="job">The job, as claimed and then changed by the worker.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask UpdateAsync(RecordingArchiveJob job, CancellationToken cancellationToken);

    /// <summary>The job of <paramref name="key"/>, or <c>null</c> when none was queued.</summary>
    /// <param name="key">The account, call and kind.</param>
    /// <param name="cancellationToken">Cancels the operation.</param>
    ValueTask<RecordingArchiveJob?> GetAsync(RecordingArchiveKey key, CancellationToken cancellationToken);
}
