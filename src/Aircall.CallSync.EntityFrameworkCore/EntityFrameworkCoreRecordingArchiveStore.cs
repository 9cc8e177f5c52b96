using Aircall.CallSync.Recordings;
using Microsoft.EntityFrameworkCore;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// An <see cref="IRecordingArchiveStore"/> on the <see cref="AircallRecordingArchive"/> table of your
/// <typeparamref name="TContext"/> (PostgreSQL or SQLite), so pending downloads survive a restart and archived files are
/// never downloaded again. Queuing is <c>INSERT ... ON CONFLICT DO NOTHING</c>; claiming a due job is a conditional
/// update of its <c>next_attempt_at</c> (the one that changes the row wins), so several processes can share the table.
/// Thread-safe: each operation uses a context of its own.
/// </summary>
/// <typeparam name="TContext">Your context; its model must include the table (<c>modelBuilder.ApplyAircallRecordingArchive()</c>).</typeparam>
public sealed class EntityFrameworkCoreRecordingArchiveStore<TContext> : IRecordingArchiveStore
    where TContext : DbContext
{
    private readonly ContextSource<TContext> _contexts;

    /// <summary>Creates a store that takes a new context from <paramref name="contextFactory"/> for each operation.</summary>
    /// <param name="contextFactory">Your context factory.</param>
    public EntityFrameworkCoreRecordingArchiveStore(IDbContextFactory<TContext> contextFactory)
        : this(new ContextSource<TContext>(contextFactory))
    {
    }

    internal EntityFrameworkCoreRecordingArchiveStore(ContextSource<TContext> contexts) => _contexts = contexts;

    /// <inheritdoc/>
    public async ValueTask<int> EnqueueAsync(IReadOnlyList<RecordingArchiveKey> keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return 0;
        }

        var at = now.ToUnixTimeMilliseconds();
        return await _contexts.RunAsync(async (context, ct) =>
        {
            var table = ArchivesTable.Of(context);
            using var turn = await EnterAsync(context, table.Dialect, ct).ConfigureAwait(false);
            var transaction = await context.Database.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var added = 0;
                foreach (var key in keys)
                {
                    added += await context.Database.ExecuteSqlRawAsync(
                        table.Insert,
                        [key.AccountId ?? string.Empty, key.CallId, KindText(key.Kind), "pending", 0, at, at, at],
                        ct).ConfigureAwait(false);
                }

                await transaction.CommitAsync(ct).ConfigureAwait(false);
                return added;
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<IReadOnlyList<RecordingArchiveJob>> ClaimDueAsync(DateTimeOffset now, int maxCount, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return await _contexts.RunAsync<IReadOnlyList<RecordingArchiveJob>>(async (context, ct) =>
        {
            var dialect = ArchivesTable.Of(context).Dialect;
            var set = context.Set<AircallRecordingArchive>();
            var due = await set.AsNoTracking()
                .Where(a => a.Status == RecordingArchiveStatus.Pending && a.NextAttemptAt <= now)
                .OrderBy(a => a.NextAttemptAt)
                .Take(maxCount)
                .ToListAsync(ct).ConfigureAwait(false);
            var claimed = new List<RecordingArchiveJob>(due.Count);
            foreach (var row in due)
            {
                var (account, call, kind, was) = (row.AccountId, row.CallId, row.Kind, row.NextAttemptAt);
                int changed;
                using (await EnterAsync(context, dialect, ct).ConfigureAwait(false))
                {
                    // Whoever moves next_attempt_at first holds the lease; another worker's update then matches no row.
                    changed = await set
                        .Where(a => a.AccountId == account && a.CallId == call && a.Kind == kind && a.Status == RecordingArchiveStatus.Pending && a.NextAttemptAt == was)
                        .ExecuteUpdateAsync(s => s.SetProperty(a => a.NextAttemptAt, leaseUntil).SetProperty(a => a.UpdatedAt, now), ct)
                        .ConfigureAwait(false);
                }

                if (changed == 1)
                {
                    row.NextAttemptAt = leaseUntil;
                    claimed.Add(ToJob(row));
                }
            }

            return claimed;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask UpdateAsync(RecordingArchiveJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var (account, call, kind) = (job.Key.AccountId ?? string.Empty, job.Key.CallId, job.Key.Kind);
        var (status, attempts, next, updated, bytes, sha, location, reason) = (job.Status, job.Attempts, job.NextAttemptAt, job.UpdatedAt, job.Bytes, job.Sha256, job.Location, job.Reason);
        await _contexts.RunAsync(async (context, ct) =>
        {
            var dialect = ArchivesTable.Of(context).Dialect;
            using (await EnterAsync(context, dialect, ct).ConfigureAwait(false))
            {
                return await context.Set<AircallRecordingArchive>()
                    .Where(a => a.AccountId == account && a.CallId == call && a.Kind == kind)
                    .ExecuteUpdateAsync(
                        s => s.SetProperty(a => a.Status, status)
                            .SetProperty(a => a.Attempts, attempts)
                            .SetProperty(a => a.NextAttemptAt, next)
                            .SetProperty(a => a.UpdatedAt, updated)
                            .SetProperty(a => a.Bytes, bytes)
                            .SetProperty(a => a.Sha256, sha)
                            .SetProperty(a => a.Location, location)
                            .SetProperty(a => a.Reason, reason),
                        ct).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async ValueTask<RecordingArchiveJob?> GetAsync(RecordingArchiveKey key, CancellationToken cancellationToken)
    {
        var (account, call, kind) = (key.AccountId ?? string.Empty, key.CallId, key.Kind);
        var row = await _contexts.RunAsync(async (context, ct) =>
        {
            _ = ArchivesTable.Of(context);
            return await context.Set<AircallRecordingArchive>().AsNoTracking()
                .FirstOrDefaultAsync(a => a.AccountId == account && a.CallId == call && a.Kind == kind, ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return row is null ? null : ToJob(row);
    }

    private static RecordingArchiveJob ToJob(AircallRecordingArchive row) => new(new RecordingArchiveKey(row.AccountId, row.CallId, row.Kind), row.CreatedAt)
    {
        Status = row.Status,
        Attempts = row.Attempts,
        NextAttemptAt = row.NextAttemptAt,
        UpdatedAt = row.UpdatedAt,
        Bytes = row.Bytes,
        Sha256 = row.Sha256,
        Location = row.Location,
        Reason = row.Reason,
    };

    private static string KindText(RecordingKind kind) => kind == RecordingKind.Voicemail ? "voicemail" : "recording";

    private static async ValueTask<SqliteWriteGate.Turn?> EnterAsync(DbContext context, StoreDialect dialect, CancellationToken cancellationToken)
        => dialect == StoreDialect.Sqlite
            ? await SqliteWriteGate.EnterAsync(context.Database.GetDbConnection().DataSource, cancellationToken).ConfigureAwait(false)
            : null;
}
