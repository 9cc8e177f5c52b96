using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Aircall.CallSync.Quartz;

/// <summary>
/// The fleet's own fence around each account's slice: a PostgreSQL session advisory lock on a connection of its own,
/// held for exactly as long as the slice runs. PostgreSQL drops it the moment the holder's connection dies (a killed
/// worker included), and keeps it while a worker that the engine wrote off is in fact still running, so an account is
/// never run twice at once whatever the engine believes. Connections are not pooled: a pooled session would keep the lock
/// after a failed unlock. Thread-safe.
/// </summary>
internal sealed class AccountLocks : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly TimeProvider _time;
    private readonly TimeSpan _checkInterval;
    private readonly string _namespace;

    public AccountLocks(string connectionString, string lockNamespace, TimeSpan checkInterval, TimeProvider time)
    {
        _namespace = lockNamespace;
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false, ApplicationName = "aircall-fleet-lock" };
        _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        _checkInterval = checkInterval;
        _time = time;
    }

    /// <summary>
    /// The lock's key: the first 8 bytes of SHA-256 of the fleet's name and the account id, so two accounts (or two fleets
    /// on one database) practically never share one.
    /// </summary>
    internal static long KeyOf(string lockNamespace, string accountId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(lockNamespace + "\n" + accountId), hash);
        return BinaryPrimitives.ReadInt64BigEndian(hash);
    }

    /// <summary>The account's lock, or <c>null</c> when another session holds it.</summary>
    public async Task<AccountLock?> TryAcquireAsync(string accountId, CancellationToken cancellationToken)
    {
        var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var key = KeyOf(_namespace, accountId);
            using (var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection))
            {
                command.Parameters.AddWithValue("key", key);
                var taken = (bool)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
                if (!taken)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                    return null;
                }
            }

            return new AccountLock(connection, key, _checkInterval, _time);
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
