using System.Data.Common;
using Aircall.CallSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// An <see cref="ICallStore"/> on the <see cref="AircallCall"/> table of your <typeparamref name="TContext"/>
/// (PostgreSQL through Npgsql, or SQLite). Each write is one conditional upsert in the database,
/// <c>INSERT ... ON CONFLICT (account_id, call_id) DO UPDATE ... WHERE</c> the version rule of
/// <see cref="CallWrite.Supersedes"/> holds, so duplicate, out-of-order and concurrent writes from any number of
/// processes leave every call in its newest state; a page (<see cref="UpsertManyAsync"/>) is one statement, one round
/// trip. Passes the conformance kit of Aircall.CallSync.Testing. Thread-safe: each operation uses a context of its own.
/// </summary>
/// <typeparam name="TContext">Your context; its model must include the Aircall tables (<c>modelBuilder.ApplyAircallCallSync()</c>).</typeparam>
/// <remarks>
/// Register it with <c>services.AddAircallCallSync(...).AddEntityFrameworkCoreStore&lt;TContext&gt;()</c>. The
/// statements run on the context's connection with parameters for every value; table and column names come from your
/// model. Failures throw <see cref="CallStoreException"/>, whose message names the database and what to do; another
/// provider throws <see cref="NotSupportedException"/>.
/// </remarks>
public sealed class EntityFrameworkCoreCallStore<TContext> : ICallStore
    where TContext : DbContext
{
    private readonly ContextSource<TContext> _contexts;
    private readonly WriteCoalescer _singles;

    /// <summary>Creates a store that takes a new context from <paramref name="contextFactory"/> for each operation.</summary>
    /// <param name="contextFactory">Your context factory (<c>AddDbContextFactory</c>, <c>AddPooledDbContextFactory</c>, or your own).</param>
    public EntityFrameworkCoreCallStore(IDbContextFactory<TContext> contextFactory)
        : this(new ContextSource<TContext>(contextFactory))
    {
    }

    internal EntityFrameworkCoreCallStore(ContextSource<TContext> contexts)
    {
        _contexts = contexts;
        _singles = new WriteCoalescer(WriteSinglesAsync);
    }

    /// <summary>
    /// Saves one call snapshot if it supersedes what the store holds. Writes arriving while the store is busy with others
    /// (concurrent webhook deliveries) go to the database together, as one statement with the rule applied to each: one
    /// round trip for all of them, each told whether it was applied.
    /// </summary>
    /// <param name="write">The snapshot and its version.</param>
    /// <param name="cancellationToken">Cancels the wait; a write already sent to the database completes.</param>
    /// <returns><c>true</c> when the snapshot was applied; <c>false</c> when the store kept a newer state.</returns>
    /// <exception cref="CallStoreException">The database failed; the message names it and says what to do.</exception>
    /// <exception cref="NotSupportedException">The context's provider is neither PostgreSQL (Npgsql) nor SQLite.</exception>
    public ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        return new ValueTask<bool>(_singles.WriteAsync(write, cancellationToken));
    }

    /// <summary>
    /// Saves a page of snapshots in one statement (one round trip), atomically: a call that appears several times is
    /// left as writing the snapshots one by one in page order would leave it.
    /// </summary>
    /// <param name="writes">The snapshots, in page order.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>How many snapshots were applied.</returns>
    /// <exception cref="CallStoreException">The database failed; nothing of the page was written.</exception>
    /// <exception cref="NotSupportedException">The context's provider is neither PostgreSQL (Npgsql) nor SQLite.</exception>
    public ValueTask<int> UpsertManyAsync(IReadOnlyList<CallWrite> writes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(writes);
        return writes.Count == 0 ? ValueTask.FromResult(0) : WriteAsync(writes, null, cancellationToken);
    }

    /// <summary>The stored state of an account's call, or <c>null</c>.</summary>
    /// <param name="accountId">The account (<c>null</c> or empty: the calls written without an account).</param>
    /// <param name="callId">The call's id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="CallStoreException">The database failed.</exception>
    public async Task<StoredCall?> FindAsync(string? accountId, long callId, CancellationToken cancellationToken = default)
    {
        var account = accountId ?? string.Empty;
        var row = await _contexts.RunAsync((context, ct) =>
        {
            var table = CallsTable.Of(context);
            return StoreDatabase.RunAsync(context, table.Dialect, table.TableName, (_, ct) => new ValueTask<AircallCall?>(
                context.Set<AircallCall>().AsNoTracking().Where(c => c.AccountId == account && c.CallId == callId).FirstOrDefaultAsync(ct)), ct);
        }, cancellationToken).ConfigureAwait(false);
        return row?.ToStoredCall();
    }

    /// <summary>Writes the single writes that queued up together, each told whether it was applied.</summary>
    private async ValueTask<bool[]> WriteSinglesAsync(IReadOnlyList<CallWrite> writes, CancellationToken cancellationToken)
    {
        var applied = new bool[writes.Count];
        await WriteAsync(writes, applied, cancellationToken).ConfigureAwait(false);
        return applied;
    }

    /// <summary>Writes <paramref name="writes"/>; with <paramref name="applied"/>, says which were applied (by index).</summary>
    private ValueTask<int> WriteAsync(IReadOnlyList<CallWrite> writes, bool[]? applied, CancellationToken cancellationToken)
    {
        var plan = WritePlan.Of(writes);
        return _contexts.RunAsync((context, ct) =>
        {
            var table = CallsTable.Of(context);
            return StoreDatabase.RunAsync(context, table.Dialect, table.TableName, (session, ct) => ExecuteAsync(session, table, writes, plan, applied, ct), ct);
        }, cancellationToken);
    }

    private static async ValueTask<int> ExecuteAsync(
        StoreDatabase.Session session, CallsTable table, IReadOnlyList<CallWrite> writes, List<int[]> plan, bool[]? applied, CancellationToken cancellationToken)
    {
        if (table.Dialect == StoreDialect.Sqlite)
        {
            using (await SqliteWriteGate.EnterAsync(session.Connection.DataSource, cancellationToken).ConfigureAwait(false))
            {
                return await ExecuteInTurnAsync(session, table, writes, plan, applied, cancellationToken).ConfigureAwait(false);
            }
        }

        return await ExecuteInTurnAsync(session, table, writes, plan, applied, cancellationToken).ConfigureAwait(false);
    }

    private static async ValueTask<int> ExecuteInTurnAsync(
        StoreDatabase.Session session, CallsTable table, IReadOnlyList<CallWrite> writes, List<int[]> plan, bool[]? applied, CancellationToken cancellationToken)
    {
        if (plan.Count == 1)
        {
            using var command = session.Command(table.Statement(plan[0].Length, applied is not null));
            Bind(command.Parameters, command.CreateParameter, table, writes, plan[0]);
            return await RunAsync(command, writes, plan[0], applied, cancellationToken).ConfigureAwait(false);
        }

        if (table.Dialect == StoreDialect.PostgreSql && session.Connection.CanCreateBatch)
        {
            // Several statements (a call repeated in the list, or a list longer than a statement holds): one round trip,
            // run by PostgreSQL in one implicit transaction (or in the context's transaction).
            using var batch = session.Connection.CreateBatch();
            batch.Transaction = session.Transaction;
            if (session.CommandTimeout is { } seconds)
            {
                batch.Timeout = seconds;
            }

            foreach (var rows in plan)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = table.Statement(rows.Length, applied is not null);
                Bind(command.Parameters, command.CreateParameter, table, writes, rows);
                batch.BatchCommands.Add(command);
            }

            if (applied is null)
            {
                return await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var count = 0;
            foreach (var rows in plan)
            {
                count += await ReadAppliedAsync(reader, writes, rows, applied, cancellationToken).ConfigureAwait(false);
                await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
            }

            return count;
        }

        // SQLite: the statements in one transaction (the file is local: no round trips to save).
        var own = session.Transaction is null ? await session.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        try
        {
            var count = 0;
            foreach (var rows in plan)
            {
                using var command = (session with { Transaction = own ?? session.Transaction }).Command(table.Statement(rows.Length, applied is not null));
                Bind(command.Parameters, command.CreateParameter, table, writes, rows);
                count += await RunAsync(command, writes, rows, applied, cancellationToken).ConfigureAwait(false);
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return count;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static async ValueTask<int> RunAsync(DbCommand command, IReadOnlyList<CallWrite> writes, int[] rows, bool[]? applied, CancellationToken cancellationToken)
    {
        if (applied is null)
        {
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAppliedAsync(reader, writes, rows, applied, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the rows of one statement whose keys it returned (it holds each call at most once).</summary>
    private static async ValueTask<int> ReadAppliedAsync(DbDataReader reader, IReadOnlyList<CallWrite> writes, int[] rows, bool[] applied, CancellationToken cancellationToken)
    {
        var count = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var account = reader.GetString(0);
            var callId = reader.GetInt64(1);
            foreach (var row in rows)
            {
                if (writes[row].CallId == callId && string.Equals(writes[row].AccountId ?? string.Empty, account, StringComparison.Ordinal))
                {
                    applied[row] = true;
                    count++;
                    break;
                }
            }
        }

        return count;
    }

    private static void Bind(DbParameterCollection parameters, Func<DbParameter> create, CallsTable table, IReadOnlyList<CallWrite> writes, int[] rows)
    {
        for (var row = 0; row < rows.Length; row++)
        {
            CallRow.Add(parameters, create, table, row * CallsTable.Properties.Length, CallRow.ToEntity(writes[rows[row]]));
        }
    }
}
