using Aircall.CallSync.Storage;

namespace Aircall.CallSync.Testing;

/// <summary>
/// What the conformance kit needs to test your store: a fresh store, and a way to read back what it holds (the
/// <c>ICallStore</c> interface only writes).
/// </summary>
public interface ICallStoreProbe
{
    /// <summary>Creates an empty store (a new database, schema, table or key prefix per call).</summary>
    Task<ICallStore> CreateStoreAsync();

    /// <summary>
    /// Reads what <paramref name="store"/> holds for the call (<paramref name="accountId"/>, <paramref name="callId"/>):
    /// at least the call's id, status and duration, the version it was written at and the account
    /// (<see cref="StoredCall.AccountId"/>); <c>null</c> when that account has no such call.
    /// </summary>
    /// <param name="store">A store from <see cref="CreateStoreAsync"/>.</param>
    /// <param name="accountId">The account (<c>null</c>: the calls written without an account).</param>
    /// <param name="callId">The call's id.</param>
    Task<StoredCall?> FindAsync(ICallStore store, string? accountId, long callId);
}
