using System.Collections.Concurrent;
using Aircall.CallSync.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aircall.CallSync.Accounts;

/// <summary>
/// Records <see cref="AircallAccount.LastWebhookAt"/> off the delivery's path: a touch costs a dictionary lookup, at most
/// one write per account a second, written by one background flush at a time.
/// </summary>
internal sealed class WebhookActivityRecorder
{
    internal static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    private readonly IAircallAccountStore _store;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, long> _lastTouched = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _pending = new(StringComparer.Ordinal);
    private int _flushing;
    private Task _flush = Task.CompletedTask;

    public WebhookActivityRecorder(IAircallAccountStore store, ILogger? logger = null)
    {
        _store = store;
        _logger = logger ?? NullLogger.Instance;
    }

    public void Touch(string accountId, DateTimeOffset at)
    {
        var ticks = at.UtcTicks;
        if (_lastTouched.TryGetValue(accountId, out var last) && ticks - last < MinInterval.Ticks && ticks >= last)
        {
            return;
        }

        _lastTouched[accountId] = ticks;
        _pending[accountId] = at;
        if (Interlocked.CompareExchange(ref _flushing, 1, 0) == 0)
        {
            _flush = Task.Run(FlushAsync, CancellationToken.None);
        }
    }

    /// <summary>Completes when every touch so far is written (tests).</summary>
    internal async Task WhenFlushedAsync()
    {
        while (Volatile.Read(ref _flushing) != 0 || !_pending.IsEmpty)
        {
            await _flush.ConfigureAwait(false);
            await Task.Yield();
        }
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            foreach (var accountId in _pending.Keys)
            {
                if (_pending.TryRemove(accountId, out var at))
                {
                    try
                    {
                        await _store.RecordActivityAsync(accountId, new AircallAccountActivity { WebhookAt = at }, CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception exception)
                    {
                        Log.WebhookActivityFailed(_logger, exception, accountId);
                    }
                }
            }

            Volatile.Write(ref _flushing, 0);
            if (_pending.IsEmpty || Interlocked.CompareExchange(ref _flushing, 1, 0) != 0)
            {
                return;
            }
        }
    }
}
