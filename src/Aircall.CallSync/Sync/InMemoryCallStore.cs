using System.Collections.Concurrent;
using Aircall.CallSync.Models;

namespace Aircall.CallSync.Sync;

/// <summary>
/// A thread-safe <see cref="ICallStore"/> in memory, for tests, demos and as a reference implementation of the
/// contract. Nothing survives the process.
/// </summary>
public sealed class InMemoryCallStore : ICallStore
{
    private readonly ConcurrentDictionary<long, StoredCall> _calls = new();

    /// <summary>How many calls the store holds.</summary>
    public int Count => _calls.Count;

    /// <summary>Every stored call with its version, in no particular order.</summary>
    public IReadOnlyCollection<StoredCall> Calls => _calls.Values.ToArray();

    /// <summary>The stored state of a call, or <c>null</c>.</summary>
    /// <param name="callId">The call's id.</param>
    public StoredCall? Find(long callId) => _calls.TryGetValue(callId, out var stored) ? stored : null;

    /// <inheritdoc/>
    public ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        var candidate = new StoredCall(write.Call, write.Version);
        while (true)
        {
            if (!_calls.TryGetValue(write.CallId, out var current))
            {
                if (_calls.TryAdd(write.CallId, candidate))
                {
                    return ValueTask.FromResult(true);
                }

                continue;
            }

            if (!write.Supersedes(current.Version, current.Call.Status))
            {
                return ValueTask.FromResult(false);
            }

            if (_calls.TryUpdate(write.CallId, candidate, current))
            {
                return ValueTask.FromResult(true);
            }
        }
    }
}
