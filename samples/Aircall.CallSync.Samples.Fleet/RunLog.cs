using System.Collections.Concurrent;
using Aircall.CallSync.Quartz;
using Npgsql;

namespace Aircall.CallSync.Samples.Fleet;

/// <summary>
/// Records each slice's interval in fleet_runs (account, worker, start and end on the database's clock), while the worker
/// holds the account's lock: an audit of who ran which account when. Turned on with Fleet:RunLog=true.
/// </summary>
public sealed class RunLog(NpgsqlDataSource dataSource, string worker) : IAircallFleetObserver
{
    private readonly ConcurrentDictionary<string, long> _open = new(StringComparer.Ordinal);

    /// <summary>Creates the table when missing.</summary>
    public static async Task CreateTableAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS fleet_runs (
                id bigserial PRIMARY KEY, account_id text NOT NULL, worker text NOT NULL, pid int NOT NULL,
                started_at timestamptz NOT NULL, ended_at timestamptz, outcome text, calls bigint, requests bigint)
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask SliceStartingAsync(string accountId, string workerId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO fleet_runs (account_id, worker, pid, started_at) VALUES ($1, $2, $3, clock_timestamp()) RETURNING id");
        command.Parameters.AddWithValue(accountId);
        command.Parameters.AddWithValue(worker);
        command.Parameters.AddWithValue(Environment.ProcessId);
        _open[accountId] = (long)(await command.ExecuteScalarAsync(CancellationToken.None))!;
    }

    /// <inheritdoc/>
    public async ValueTask SliceCompletedAsync(AircallFleetSlice slice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slice);
        if (!_open.TryRemove(slice.AccountId, out var id))
        {
            return;
        }

        await using var command = dataSource.CreateCommand(
            "UPDATE fleet_runs SET ended_at = clock_timestamp(), outcome = $2, calls = $3, requests = $4 WHERE id = $1");
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(slice.Outcome.ToString());
        command.Parameters.AddWithValue(slice.CallsWritten);
        command.Parameters.AddWithValue(slice.Requests);
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
