using Aircall.CallSync.Storage;

namespace Aircall.CallSync.Benchmarks.Load;

/// <summary>A store that accepts every write and keeps nothing but a count: the endpoint's own cost, without a database.</summary>
internal sealed class NoOpCallStore : ICallStore
{
    private long _count;

    public long Count => Interlocked.Read(ref _count);

    public ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _count);
        return ValueTask.FromResult(true);
    }
}
