using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Aircall.CallSync.Samples.Storage;

/// <summary>Recognises SQLite failures a person can act on.</summary>
public static class SqliteErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    /// <summary>
    /// Whether <paramref name="exception"/> (or an inner exception) is SQLite's "database is locked": another process or
    /// connection kept a write lock for longer than the busy timeout.
    /// </summary>
    /// <param name="exception">The failure.</param>
    public static bool IsBusy(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A one-line explanation of a busy database for <paramref name="store"/>, saying what to do.</summary>
    /// <param name="store">The store that failed.</param>
    public static string BusyMessage(SqliteCallStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return string.Create(CultureInfo.InvariantCulture, $"The database '{store.DataSource}' is locked by another process (still busy after {store.BusyTimeout.TotalSeconds:0.#} s): ")
               + "close the program that holds it (another sync, a DB browser with uncommitted changes) and run again, "
               + "or raise 'Default Timeout' in ConnectionStrings:Calls.";
    }
}
