using System.Collections.Concurrent;

namespace Aircall.CallSync.Storage;

/// <summary>
/// A thread-safe <see cref="ICallStore"/> in memory, for tests, demos and as a reference implementation of the
/// contract: rows are keyed by (<see cref="CallWrite.AccountId"/>, <see cref="CallWrite.CallId"/>), so accounts sharing
/// the store never touch each other's calls. Nothing survives the process.
/// </summary>
public sealed class InMemoryCallStore : ICallStore
{
    private readonly ConcurrentDictionary<(string? AccountId, long CallId), StoredCall> _calls = new();

    /// <summary>How many calls the store holds, across accounts.</summary>
    public int Count => _calls.Count;

    /// <summary>Every stored call with its version and account, in no particular order.</summary>
    public IReadOnlyCollection<StoredCall> Calls => _calls.Values.ToArray();

    /// <summary>
    /// The stored state of a call written without an account (<see cref="CallWrite.AccountId"/> <c>null</c>: an
    /// application serving one account), or <c>null</c>. Calls of named accounts are found with
    /// <see cref="Find(string, long)"/> only.
    /// </summary>
    /// <param name="callId">The call's id.</param>
    public StoredCall? Find(long callId) => Find(null, callId);

    /// <summary>The stored state of an account's call, or <c>null</c>.</summary>
    /// <param name="accountId">The account (<c>null</c> or empty: the calls written without an account).</param>
    /// <param name="callId">The call's id.</param>
    public StoredCall? Find(string? accountId, long callId)
        => _calls.TryGetValue((string.IsNullOrEmpty(accountId) ? null : accountId, callId), out var stored) ? stored : null;

    /// <inheritdoc/>
    public ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        var key = (write.AccountId, write.CallId);
        var candidate = new StoredCall(write.Call, write.Version) { AccountId = write.AccountId, Payload = write.Payload };
        while (true)
        {
            if (!_calls.TryGetValue(key, out var current))
            {
                if (_calls.TryAdd(key, candidate))
                {
                    return ValueTask.FromResult(true);
                }

                continue;
            }

            if (!write.Supersedes(current.Version, current.Call.Status))
            {
                return ValueTask.FromResult(false);
            }

            if (_calls.TryUpdate(key, candidate, current))
            {
                return ValueTask.FromResult(true);
            }
        }
    }
}
