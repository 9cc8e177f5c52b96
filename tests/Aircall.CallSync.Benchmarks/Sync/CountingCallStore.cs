using Aircall.CallSync.Storage;

namespace Aircall.CallSync.Benchmarks.Sync;

/// <summary>
/// A sink that keeps nothing: it counts the calls, sums their ids (so the harness can check every call arrived exactly
/// once without holding them) and counts calls that came out of creation order. Memory stays constant.
/// </summary>
internal sealed class CountingCallStore : ICallStore
{
    private long _lastStarted = long.MinValue;

    public long Count { get; private set; }

    public long IdSum { get; private set; }

    public long OutOfOrder { get; private set; }

    /// <summary>Started by the harness when the run starts; read when the first call arrives.</summary>
    public System.Diagnostics.Stopwatch Clock { get; } = new();

    /// <summary>When the first call arrived, from the start of the run: the cold start (first request, JIT, connection).</summary>
    public TimeSpan? FirstCallAfter { get; private set; }

    public ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken)
    {
        Add(write.Call.Id, write.Call.StartedAt?.ToUnixTimeSeconds());
        return ValueTask.FromResult(true);
    }

    public ValueTask<int> UpsertManyAsync(IReadOnlyList<CallWrite> writes, CancellationToken cancellationToken)
    {
        for (var i = 0; i < writes.Count; i++)
        {
            Add(writes[i].Call.Id, writes[i].Call.StartedAt?.ToUnixTimeSeconds());
        }

        return ValueTask.FromResult(writes.Count);
    }

    public void Add(long id, long? startedAt)
    {
        FirstCallAfter ??= Clock.Elapsed;
        Count++;
        IdSum += id;
        if (startedAt is { } started)
        {
            if (started < _lastStarted)
            {
                OutOfOrder++;
            }

            _lastStarted = started;
        }
    }
}
