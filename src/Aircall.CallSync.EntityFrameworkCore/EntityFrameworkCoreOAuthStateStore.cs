using System.Data;
using Aircall.CallSync.OAuth;
using Microsoft.EntityFrameworkCore;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// An <see cref="IOAuthStateStore"/> on the <see cref="AircallOAuthState"/> table (<c>aircall_oauth_states</c>) of your
/// <typeparamref name="TContext"/>, so that an install callback may land on any instance behind a load balancer. A
/// state is consumed by one <c>DELETE</c> of the row if it has not expired: of any number of concurrent callbacks with
/// one state, in any processes, exactly one succeeds. Expired states are deleted by the same round trip. Thread-safe.
/// </summary>
/// <typeparam name="TContext">Your context; its model must include the Aircall tables (<c>modelBuilder.ApplyAircallCallSync()</c>).</typeparam>
public sealed class EntityFrameworkCoreOAuthStateStore<TContext> : IOAuthStateStore
    where TContext : DbContext
{
    private readonly ContextSource<TContext> _contexts;

    /// <summary>Creates a store that takes a new context from <paramref name="contextFactory"/> for each operation.</summary>
    /// <param name="contextFactory">Your context factory.</param>
    public EntityFrameworkCoreOAuthStateStore(IDbContextFactory<TContext> contextFactory)
        : this(new ContextSource<TContext>(contextFactory))
    {
    }

    internal EntityFrameworkCoreOAuthStateStore(ContextSource<TContext> contexts) => _contexts = contexts;

    /// <inheritdoc/>
    /// <exception cref="CallStoreException">The database failed; the message names it and says what to do.</exception>
    public async ValueTask AddAsync(ReadOnlyMemory<byte> stateDigest, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        var digest = stateDigest.ToArray();
        var expires = StoreModel.ToUnixMicroseconds(expiresAt);
        await ExecuteAsync(table => table.Add, digest, expires, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <exception cref="CallStoreException">The database failed; the message names it and says what to do.</exception>
    public async ValueTask<bool> TryConsumeAsync(ReadOnlyMemory<byte> stateDigest, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var digest = stateDigest.ToArray();
        var at = StoreModel.ToUnixMicroseconds(now);
        return await ExecuteAsync(table => table.Consume, digest, at, cancellationToken).ConfigureAwait(false) == 1;
    }

    private ValueTask<int> ExecuteAsync(Func<OAuthStatesTable, string> statement, byte[] digest, long time, CancellationToken cancellationToken)
        => _contexts.RunAsync((context, ct) =>
        {
            var table = OAuthStatesTable.Of(context);
            var sql = statement(table);
            return StoreDatabase.RunAsync(context, table.Dialect, table.TableName, async (session, ct) =>
            {
                using var turn = table.Dialect == StoreDialect.Sqlite
                    ? await SqliteWriteGate.EnterAsync(session.Connection.DataSource, ct).ConfigureAwait(false)
                    : default(SqliteWriteGate.Turn?);
                if (ReferenceEquals(sql, table.Consume) && table.Cleanup is { } cleanup)
                {
                    // First, so that a failure of the clean-up consumes nothing.
                    using var expired = session.Command(cleanup);
                    Add(expired, table, 0, DbType.Int64, time);
                    await expired.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                using var command = session.Command(sql);
                Add(command, table, 0, DbType.Binary, digest);
                Add(command, table, 1, DbType.Int64, time);
                return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }, ct);
        }, cancellationToken);

    private static void Add(System.Data.Common.DbCommand command, OAuthStatesTable table, int index, DbType type, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = table.ParameterName(index);
        parameter.DbType = type;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
