using Npgsql;

namespace Aircall.CallSync.Quartz;

/// <summary>One held account lock. <see cref="Lost"/> fires when its connection stops answering; disposing releases it.</summary>
internal sealed class AccountLock : IAsyncDisposable
{
    private readonly NpgsqlConnection _connection;
    private readonly long _key;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Task _watch;

    internal AccountLock(NpgsqlConnection connection, long key, TimeSpan checkInterval, TimeProvider time)
    {
        _connection = connection;
        _key = key;
        _watch = WatchAsync(checkInterval, time);
    }

    /// <summary>Cancelled once the lock can no longer be vouched for (its connection failed): the slice must stop.</summary>
    public CancellationToken Lost => _lost.Token;

    private async Task WatchAsync(TimeSpan interval, TimeProvider time)
    {
        try
        {
            while (true)
            {
                await Task.Delay(interval, time, _stop.Token).ConfigureAwait(false);
                await _gate.WaitAsync(_stop.Token).ConfigureAwait(false);
                try
                {
                    using var command = new NpgsqlCommand("SELECT 1", _connection);
                    await command.ExecuteScalarAsync(_stop.Token).ConfigureAwait(false);
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
#pragma warning disable CA1031 // Any failure of the lock's connection means the lock is gone.
        catch (Exception)
#pragma warning restore CA1031
        {
            await _lost.CancelAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _watch.ConfigureAwait(false);
        try
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
            command.Parameters.AddWithValue("key", _key);
            await command.ExecuteScalarAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed unlock is a dead session: closing the connection below releases the lock.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
        finally
        {
            await _connection.DisposeAsync().ConfigureAwait(false);
            _lost.Dispose();
            _stop.Dispose();
            _gate.Dispose();
        }
    }
}
