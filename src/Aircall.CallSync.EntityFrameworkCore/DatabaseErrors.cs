using System.Data.Common;
using System.Net.Sockets;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// Turns a provider's failure into a <see cref="CallStoreException"/> that names the database (from the connection's
/// <see cref="DbConnection.DataSource"/> and <see cref="DbConnection.Database"/>, never its connection string, which
/// may hold a password) and says what to do.
/// </summary>
internal static class DatabaseErrors
{
    private const string MigrationHint =
        "call modelBuilder.ApplyAircallCallSync() in OnModelCreating, add a migration (dotnet ef migrations add AddAircallCallSync) "
        + "and apply it (dotnet ef database update, or context.Database.Migrate() at start-up); in tests, context.Database.EnsureCreated() on a new database";

    /// <summary>A description of the database, e.g. <c>PostgreSQL database 'calls' on 10.0.0.5:5432</c>.</summary>
    internal static string Describe(DbConnection connection, StoreDialect dialect)
    {
        string source, database;
        try
        {
            source = connection.DataSource;
            database = connection.Database;
        }
        catch (Exception exception) when (exception is InvalidOperationException or NotSupportedException or ArgumentException)
        {
            return dialect == StoreDialect.PostgreSql ? "the PostgreSQL database" : "the SQLite database";
        }

        if (dialect == StoreDialect.Sqlite)
        {
            return $"the SQLite database '{(string.IsNullOrEmpty(source) ? ":memory:" : source)}'";
        }

        const string Tcp = "tcp://";
        var server = source.StartsWith(Tcp, StringComparison.OrdinalIgnoreCase) ? source[Tcp.Length..] : source;
        return $"the PostgreSQL database '{database}' on {server}";
    }

    /// <summary>
    /// The database failure in <paramref name="exception"/> or its inner exceptions (EF Core's execution strategy wraps
    /// a transient one in an <see cref="InvalidOperationException"/>), or <c>null</c> for a cancellation or a bug.
    /// </summary>
    internal static Exception? Find(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or SocketException or TimeoutException or IOException)
            {
                return current;
            }
        }

        return null;
    }

    /// <summary>The connection could not be opened.</summary>
    internal static CallStoreException CannotConnect(Exception exception, string database)
    {
        var reason = (Find(exception) as DbException)?.SqlState switch
        {
            "3D000" => "the database does not exist: create it, or fix the database name in the connection string",
            "28P01" or "28000" => "the server refused the credentials: fix the user name or password in the connection string",
            _ => "is the server running, and does the connection string name the right host, port and database?",
        };
        return new CallStoreException($"Cannot connect to {database}: {reason} ({Summary(exception)}).", Find(exception) ?? exception);
    }

    /// <summary>A statement failed.</summary>
    internal static CallStoreException Failed(Exception exception, string database, string table)
    {
        var failure = Find(exception) ?? exception;
        var state = (failure as DbException)?.SqlState;
        var message = failure.Message;
        if (state is "42P01" or "3F000" || message.Contains("no such table", StringComparison.OrdinalIgnoreCase))
        {
            return new CallStoreException($"The table {table} does not exist in {database}: {MigrationHint}.", failure);
        }

        if (state == "42703" || message.Contains("no such column", StringComparison.OrdinalIgnoreCase)
            || message.Contains("has no column named", StringComparison.OrdinalIgnoreCase))
        {
            return new CallStoreException(
                $"The table {table} in {database} lacks a column this version of Aircall.CallSync.EntityFrameworkCore writes: "
                + $"add a migration for it (dotnet ef migrations add UpdateAircallCallSync, then dotnet ef database update) ({Summary(exception)}).",
                failure);
        }

        if (failure is DbException { IsTransient: true } or IOException or SocketException or TimeoutException)
        {
            return new CallStoreException(
                $"Lost {database} during a statement on {table}: is the server up? The write may not have been applied; "
                + $"writing it again is harmless ({Summary(exception)}).",
                failure);
        }

        return new CallStoreException($"{Capitalized(database)} failed a statement on {table}; nothing was written ({Summary(exception)}).", failure);
    }

    /// <summary>Whether the failure is the database being out of reach (every write would fail the same way), rather than one statement refused.</summary>
    internal static bool IsUnreachable(Exception exception)
        => Find(exception) is DbException { IsTransient: true } or IOException or SocketException or TimeoutException
           || (exception is CallStoreException && exception.Message.StartsWith("Cannot connect", StringComparison.Ordinal));

    /// <summary>Whether a statement failed only because it lost a race it can run again (a PostgreSQL deadlock or serialization failure).</summary>
    internal static bool IsRetryable(Exception exception)
        => (Find(exception) as DbException)?.SqlState is "40P01" or "40001";

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    /// <summary>The provider's exception type and first line: providers name hosts and states, never passwords.</summary>
    private static string Summary(Exception outer)
    {
        var exception = Find(outer) ?? outer;
        var inner = exception;
        var text = exception.GetType().Name + ": " + FirstLine(exception.Message);
        while (inner.InnerException is { } next)
        {
            inner = next;
        }

        return ReferenceEquals(inner, exception) ? text : text + "; " + inner.GetType().Name + ": " + FirstLine(inner.Message);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
