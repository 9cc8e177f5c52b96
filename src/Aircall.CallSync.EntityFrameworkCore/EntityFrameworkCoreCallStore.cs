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

    /// <summary>Creates a store that takes a new context from <paramref name="contextFactory"/> for each operation.</summary>
    /// <param name="contextFactory">Your context factory (<c>AddDbContextFactory</c>, <c>AddPooledDbContextFactory</c>, or your own).</param>
    public EntityFrameworkCoreCallStore(IDbContextFactory<TContext> contextFactory)
        : this(new ContextSource<TContext>(contextFactory))
    {
    }

    internal EntityFrameworkCoreCallStore(ContextSource<TContext> contexts) => _contexts = contexts;

    /// <inheritdoc/>
    /// <exception cref="CallStoreException">The database failed; the message names it and says what to do.</exception>
    /// <exception cref="NotSupportedException">The context's provider is neither PostgreSQL (Npgsql) nor SQLite.</exception>
    public async ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        return await WriteAsync([[write]], cancellationToken).ConfigureAwait(false) > 0;
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
        return writes.Count == 0 ? ValueTask.FromResult(0) : WriteAsync(WritePlan.Of(writes), cancellationToken);
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

    private ValueTask<int> WriteAsync(IReadOnlyList<CallWrite[]> statements, CancellationToken cancellationToken)
        => _contexts.RunAsync((context, ct) =>
        {
            var table = CallsTable.Of(context);
            return StoreDatabase.RunAsync(context, table.Dialect, table.TableName, (session, ct) => ExecuteAsync(session, table, statements, ct), ct);
        }, cancellationToken);

    private static async ValueTask<int> ExecuteAsync(StoreDatabase.Session session, CallsTable table, IReadOnlyList<CallWrite[]> statements, CancellationToken cancellationToken)
    {
        if (statements.Count == 1)
        {
            using var command = Command(session, table, statements[0]);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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

            foreach (var rows in statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = table.Statement(rows.Length);
                Bind(command.Parameters, command.CreateParameter, table, rows);
                batch.BatchCommands.Add(command);
            }

            return await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        // SQLite: the statements in one transaction (the file is local: no round trips to save).
        var own = session.Transaction is null ? await session.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false) : null;
        try
        {
            var applied = 0;
            foreach (var rows in statements)
            {
                using var command = Command(session with { Transaction = own ?? session.Transaction }, table, rows);
                applied += await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken).ConfigureAwait(false);
            }

            return applied;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static DbCommand Command(StoreDatabase.Session session, CallsTable table, CallWrite[] rows)
    {
        var command = session.Command(table.Statement(rows.Length));
        Bind(command.Parameters, command.CreateParameter, table, rows);
        return command;
    }

    private static void Bind(DbParameterCollection parameters, Func<DbParameter> create, CallsTable table, CallWrite[] rows)
    {
        for (var row = 0; row < rows.Length; row++)
        {
            CallRow.Add(parameters, create, table, row * CallsTable.Properties.Length, rows[row]);
        }
    }
}
