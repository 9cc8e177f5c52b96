using System.Collections.Concurrent;
using System.Globalization;
using Aircall.CallSync.Quartz;

namespace Aircall.CallSync.IntegrationTests.Fleet;

/// <summary>Every slice the worker ran, as the fleet's observer is told while the account's lock is held.</summary>
internal sealed class SliceLog : IAircallFleetObserver
{
    private readonly ConcurrentQueue<AircallFleetSlice> _slices = new();
    private readonly ConcurrentQueue<(string AccountId, DateTimeOffset At)> _starts = new();

    public IReadOnlyList<AircallFleetSlice> All => [.. _slices];

    /// <summary>The account's ended slices, in the order they ended.</summary>
    public IReadOnlyList<AircallFleetSlice> Of(string accountId) => [.. _slices.Where(s => string.Equals(s.AccountId, accountId, StringComparison.Ordinal))];

    /// <summary>How many slices of the account started (ended or not).</summary>
    public int StartedOf(string accountId) => _starts.Count(s => string.Equals(s.AccountId, accountId, StringComparison.Ordinal));

    public ValueTask SliceStartingAsync(string accountId, string workerId, CancellationToken cancellationToken)
    {
        _starts.Enqueue((accountId, DateTimeOffset.UtcNow));
        return ValueTask.CompletedTask;
    }

    public ValueTask SliceCompletedAsync(AircallFleetSlice slice, CancellationToken cancellationToken)
    {
        _slices.Enqueue(slice);
        return ValueTask.CompletedTask;
    }

    public string Describe() => string.Join('\n', _slices.Select(s => string.Create(CultureInfo.InvariantCulture,
        $"  {s.AccountId}: {s.Outcome}, {s.StartedAt:HH:mm:ss.fff}-{s.EndedAt:HH:mm:ss.fff}, calls {s.CallsWritten}, requests {s.Requests}, next {s.NextRunAt:HH:mm:ss.fff} {s.Error}")));
}
