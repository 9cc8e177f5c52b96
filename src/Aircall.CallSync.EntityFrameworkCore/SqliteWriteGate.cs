using System.Collections.Concurrent;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// One writer at a time per SQLite database in this process. SQLite lets one connection write at a time; the others
/// fail with SQLITE_BUSY and Microsoft.Data.Sqlite retries them in a sleeping loop, so under concurrent webhook
/// deliveries a write could wait long after the database was free (a p99 of a second at 16 in flight, measured). Writes
/// queued here start the moment the previous one commits. Writers in other processes still meet SQLite's busy handler
/// (the connection's <c>Default Timeout</c>).
/// </summary>
internal static class SqliteWriteGate
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the database's turn; dispose the result to release it.</summary>
    internal static async ValueTask<Turn> EnterAsync(string? dataSource, CancellationToken cancellationToken)
    {
        var key = string.IsNullOrEmpty(dataSource) || dataSource.Contains(":memory:", StringComparison.Ordinal) || dataSource.StartsWith("file:", StringComparison.Ordinal)
            ? dataSource ?? string.Empty
            : Path.GetFullPath(dataSource);
        var gate = Gates.GetOrAdd(key, static _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Turn(gate);
    }

    internal readonly struct Turn(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
