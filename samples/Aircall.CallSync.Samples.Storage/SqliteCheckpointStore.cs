using Aircall.CallSync.Storage;

namespace Aircall.CallSync.Samples.Storage;

/// <summary>
/// An <see cref="ICheckpointStore"/> in the <c>sync_checkpoints</c> table of the same SQLite database as a
/// <see cref="SqliteCallStore"/>, so a batch sync killed at any point resumes after the last page it stored. One row
/// per checkpoint key; <c>saved_at</c> is UNIX seconds. Thread-safe.
/// </summary>
public sealed class SqliteCheckpointStore : ICheckpointStore
{
    private readonly SqliteCallStore _database;
    private readonly TimeProvider _time;

    /// <summary>Creates the store on the database of <paramref name="database"/> (its schema holds the checkpoint table).</summary>
    /// <param name="database">The call store whose database keeps the checkpoints.</param>
    /// <param name="timeProvider">The clock of <c>saved_at</c>; <see cref="TimeProvider.System"/> by default.</param>
    public SqliteCheckpointStore(SqliteCallStore database, TimeProvider? timeProvider = null)
    {
        _database = database ?? throw new ArgumentNullException(nameof(database));
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <inheritdoc/>
    public async ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT checkpoint FROM sync_checkpoints WHERE name = $name";
        command.Parameters.AddWithValue("$name", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    /// <inheritdoc/>
    public async ValueTask SetAsync(string key, string checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(checkpoint);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO sync_checkpoints (name, checkpoint, saved_at) VALUES ($name, $checkpoint, $saved_at)
            ON CONFLICT (name) DO UPDATE SET checkpoint = excluded.checkpoint, saved_at = excluded.saved_at;
            """;
        command.Parameters.AddWithValue("$name", key);
        command.Parameters.AddWithValue("$checkpoint", checkpoint);
        command.Parameters.AddWithValue("$saved_at", _time.GetUtcNow().ToUnixTimeSeconds());
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>Deletes the checkpoint under <paramref name="key"/> (the next sync of that key is a full one again).</summary>
    /// <param name="key">The checkpoint key.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>Whether there was one.</returns>
    public async Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM sync_checkpoints WHERE name = $name";
        command.Parameters.AddWithValue("$name", key);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
