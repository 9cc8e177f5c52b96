using System.Data;
using Aircall.CallSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// An <see cref="ICheckpointStore"/> on the <see cref="AircallSyncCheckpoint"/> table of your
/// <typeparamref name="TContext"/>, in the same database as the calls, so a batch sync stopped at any point resumes
/// after the last page it stored. A save is one upsert. Thread-safe: each operation uses a context of its own.
/// </summary>
/// <typeparam name="TContext">Your context; its model must include the Aircall tables (<c>modelBuilder.ApplyAircallCallSync()</c>).</typeparam>
public sealed class EntityFrameworkCoreCheckpointStore<TContext> : ICheckpointStore
    where TContext : DbContext
{
    private readonly ContextSource<TContext> _contexts;
    private readonly TimeProvider _time;

    /// <summary>Creates a store that takes a new context from <paramref name="contextFactory"/> for each operation.</summary>
    /// <param name="contextFactory">Your context factory.</param>
    /// <param name="timeProvider">The clock of <see cref="AircallSyncCheckpoint.SavedAt"/>; <see cref="TimeProvider.System"/> when <c>null</c>.</param>
    public EntityFrameworkCoreCheckpointStore(IDbContextFactory<TContext> contextFactory, TimeProvider? timeProvider = null)
        : this(new ContextSource<TContext>(contextFactory), timeProvider)
    {
    }

    internal EntityFrameworkCoreCheckpointStore(ContextSource<TContext> contexts, TimeProvider? timeProvider)
    {
        _contexts = contexts;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    /// <exception cref="CallStoreException">The database failed; the message names it and says what to do.</exception>
    public async ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await _contexts.RunAsync((context, ct) =>
        {
            var table = CheckpointsTable.Of(context);
            return StoreDatabase.RunAsync(context, table.Dialect, table.TableName, (_, ct) => new ValueTask<string?>(
                context.Set<AircallSyncCheckpoint>().AsNoTracking().Where(c => c.Name == key).Select(c => c.Checkpoint).FirstOrDefaultAsync(ct)), ct);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="CallStoreException">The database failed; the message names it and says what to do.</exception>
    public async ValueTask SetAsync(string key, string checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var savedAt = _time.GetUtcNow().ToUnixTimeSeconds();
        await _contexts.RunAsync((context, ct) =>
        {
            var table = CheckpointsTable.Of(context);
            return StoreDatabase.RunAsync(context, table.Dialect, table.TableName, (session, ct) => SaveAsync(session, table, key, checkpoint, savedAt, ct), ct);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<int> SaveAsync(StoreDatabase.Session session, CheckpointsTable table, string key, string checkpoint, long savedAt, CancellationToken cancellationToken)
    {
        using var turn = table.Dialect == StoreDialect.Sqlite
            ? await SqliteWriteGate.EnterAsync(session.Connection.DataSource, cancellationToken).ConfigureAwait(false)
            : default(SqliteWriteGate.Turn?);
        using var command = session.Command(table.Upsert);
        object[] values = [key, checkpoint, savedAt];
        DbType[] types = [DbType.String, DbType.String, DbType.Int64];
        for (var i = 0; i < values.Length; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = table.ParameterName(i);
            parameter.DbType = types[i];
            parameter.Value = values[i];
            command.Parameters.Add(parameter);
        }

        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
