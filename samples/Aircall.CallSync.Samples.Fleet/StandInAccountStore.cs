using System.Runtime.CompilerServices;
using Aircall.CallSync.Accounts;
using Npgsql;

namespace Aircall.CallSync.Samples.Fleet;

/// <summary>
/// A plain PostgreSQL IAircallAccountStore (table fleet_sample_accounts, tokens in clear: a sample's test data only),
/// standing in for the EF Core package's account store until this sample moves to it.
/// </summary>
public sealed class StandInAccountStore(NpgsqlDataSource dataSource) : IAircallAccountStore
{
    private const string Columns = "account_id, status, access_token, installed_at, updated_at, last_sync_at, next_sync_at, calls_synced, last_error, last_error_at";

    /// <summary>Creates the table when missing.</summary>
    public async Task CreateTableAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("""
            CREATE TABLE IF NOT EXISTS fleet_sample_accounts (
                account_id text PRIMARY KEY, status int NOT NULL, access_token text,
                installed_at timestamptz NOT NULL, updated_at timestamptz NOT NULL,
                last_sync_at timestamptz, next_sync_at timestamptz, calls_synced bigint NOT NULL DEFAULT 0,
                last_error text, last_error_at timestamptz)
            """);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask<AircallAccount?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM fleet_sample_accounts WHERE account_id = $1");
        command.Parameters.AddWithValue(accountId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <inheritdoc/>
    public ValueTask<AircallAccount?> FindByWebhookTokenDigestAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken) =>
        ValueTask.FromResult<AircallAccount?>(null); // the fleet sample receives no webhooks

    /// <inheritdoc/>
    public async IAsyncEnumerable<AircallAccount> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM fleet_sample_accounts ORDER BY account_id COLLATE \"C\"");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    /// <inheritdoc/>
    public async ValueTask SaveAsync(AircallAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using var command = dataSource.CreateCommand($"""
            INSERT INTO fleet_sample_accounts ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (account_id) DO UPDATE SET status = $2, access_token = $3, installed_at = $4, updated_at = $5,
                last_sync_at = $6, next_sync_at = $7, calls_synced = $8, last_error = $9, last_error_at = $10
            """);
        command.Parameters.AddWithValue(account.AccountId);
        command.Parameters.AddWithValue((int)account.Status);
        command.Parameters.AddWithValue((object?)account.AccessToken ?? DBNull.Value);
        command.Parameters.AddWithValue(account.InstalledAt);
        command.Parameters.AddWithValue(account.UpdatedAt);
        command.Parameters.AddWithValue((object?)account.LastSyncAt ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)account.NextSyncAt ?? DBNull.Value);
        command.Parameters.AddWithValue(account.CallsSynced);
        command.Parameters.AddWithValue((object?)account.LastError ?? DBNull.Value);
        command.Parameters.AddWithValue((object?)account.LastErrorAt ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public async ValueTask RecordActivityAsync(string accountId, AircallAccountActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(activity);
        // One statement: concurrent writers never lose each other's counts.
        await using var command = dataSource.CreateCommand("""
            UPDATE fleet_sample_accounts SET
                last_sync_at = COALESCE($2, last_sync_at),
                last_error = CASE WHEN $5::text IS NOT NULL THEN $5 WHEN $2 IS NOT NULL THEN NULL ELSE last_error END,
                last_error_at = CASE WHEN $5::text IS NOT NULL THEN $6 WHEN $2 IS NOT NULL THEN NULL ELSE last_error_at END,
                calls_synced = calls_synced + $3,
                next_sync_at = COALESCE($4, next_sync_at)
            WHERE account_id = $1
            """);
        command.Parameters.AddWithValue(accountId);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)activity.SyncedAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.AddWithValue(activity.CallsSynced);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)activity.NextSyncAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)activity.Error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)activity.ErrorAt ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static AircallAccount Read(NpgsqlDataReader reader) => new()
    {
        AccountId = reader.GetString(0),
        Status = (AircallAccountStatus)reader.GetInt32(1),
        AccessToken = reader.IsDBNull(2) ? null : reader.GetString(2),
        InstalledAt = reader.GetFieldValue<DateTimeOffset>(3),
        UpdatedAt = reader.GetFieldValue<DateTimeOffset>(4),
        LastSyncAt = reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5),
        NextSyncAt = reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6),
        CallsSynced = reader.GetInt64(7),
        LastError = reader.IsDBNull(8) ? null : reader.GetString(8),
        LastErrorAt = reader.IsDBNull(9) ? null : reader.GetFieldValue<DateTimeOffset>(9),
    };
}
