namespace Aircall.CallSync.Recordings;

/// <summary>
/// An <see cref="IRecordingArchiveStore"/> in process memory: for tests, and the default until you register a durable one.
/// A restart forgets every job, pending or done (so a re-run downloads again). Thread-safe.
/// </summary>
public sealed class InMemoryRecordingArchiveStore : IRecordingArchiveStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<RecordingArchiveKey, RecordingArchiveJob> _jobs = [];

    /// <summary>Every job, copied, in no particular order.</summary>
    public IReadOnlyList<RecordingArchiveJob> Snapshot()
    {
        lock (_lock)
        {
            var copies = new List<RecordingArchiveJob>(_jobs.Count);
            foreach (var job in _jobs.Values)
            {
                copies.Add(job.Clone());
            }

            return copies;
        }
    }

    /// <inheritdoc/>
    public ValueTask<int> EnqueueAsync(IReadOnlyList<RecordingArchiveKey> keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var added = 0;
        lock (_lock)
        {
            foreach (var key in keys)
            {
                if (_jobs.TryAdd(key, new RecordingArchiveJob(key, now)))
                {
                    added++;
                }
            }
        }

        return new ValueTask<int>(added);
    }

    /// <inheritdoc/>
    public ValueTask<IReadOnlyList<RecordingArchiveJob>> ClaimDueAsync(DateTimeOffset now, int maxCount, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        lock (_lock)
        {
            var due = new List<RecordingArchiveJob>();
            foreach (var job in _jobs.Values)
            {
                if (job.Status == RecordingArchiveStatus.Pending && job.NextAttemptAt <= now)
                {
                    due.Add(job);
                }
            }

            due.Sort(static (a, b) => a.NextAttemptAt.CompareTo(b.NextAttemptAt));
            var claimed = new List<RecordingArchiveJob>(Math.Min(maxCount, due.Count));
            for (var i = 0; i < due.Count && claimed.Count < maxCount; i++)
            {
                due[i].NextAttemptAt = leaseUntil;
                claimed.Add(due[i].Clone());
            }

            return new ValueTask<IReadOnlyList<RecordingArchiveJob>>(claimed);
        }
    }

    /// <inheritdoc/>
    public ValueTask UpdateAsync(RecordingArchiveJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        lock (_lock)
        {
            _jobs[job.Key] = job.Clone();
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask<RecordingArchiveJob?> GetAsync(RecordingArchiveKey key, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return new ValueTask<RecordingArchiveJob?>(_jobs.TryGetValue(key, out var job) ? job.Clone() : null);
        }
    }
}
