using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// Runs one operation of a store on a context's own connection: opens it (through EF Core, so connection interceptors
/// apply), runs the work in the context's current transaction if it has one, retries a PostgreSQL deadlock or
/// serialization failure (the work is an idempotent upsert), and turns failures into <see cref="CallStoreException"/>s
/// that name the database.
/// </summary>
internal static class StoreDatabase
{
    private const int Attempts = 3;

    /// <summary>What an operation needs: the open connection, the transaction to join (or <c>null</c>), the command timeout.</summary>
    internal readonly record struct Session(DbConnection Connection, DbTransaction? Transaction, int? CommandTimeout)
    {
        /// <summary>A command on the session.</summary>
        internal DbCommand Command(string sql)
        {
            var command = Connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = Transaction;
            if (CommandTimeout is { } seconds)
            {
                command.CommandTimeout = seconds;
            }

            return command;
        }
    }

    internal static async ValueTask<T> RunAsync<T>(
        DbContext context, StoreDialect dialect, string table, Func<Session, CancellationToken, ValueTask<T>> work, CancellationToken cancellationToken)
    {
        var database = context.Database;
        var connection = database.GetDbConnection();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (DatabaseErrors.Find(exception) is not null)
            {
                throw DatabaseErrors.CannotConnect(exception, DatabaseErrors.Describe(connection, dialect));
            }

            try
            {
                var session = new Session(connection, database.CurrentTransaction?.GetDbTransaction(), database.GetCommandTimeout());
                return await work(session, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (attempt < Attempts && database.CurrentTransaction is null && DatabaseErrors.IsRetryable(exception))
            {
                // Lost a lock race to another writer: the upsert is idempotent, run it again.
            }
            catch (Exception exception) when (DatabaseErrors.Find(exception) is not null)
            {
                throw DatabaseErrors.Failed(exception, DatabaseErrors.Describe(connection, dialect), table);
            }
            finally
            {
                await database.CloseConnectionAsync().ConfigureAwait(false);
            }
        }
    }
}
