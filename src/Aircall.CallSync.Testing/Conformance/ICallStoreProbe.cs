using Aircall.CallSync.Sync;

namespace Aircall.CallSync.Testing.Conformance;

/// <summary>
/// What the conformance kit needs to test your store: a fresh store, and a way to read back what it holds (the
/// <c>ICallStore</c> interface only writes).
/// </summary>
public interface ICallStoreProbe
{
    /// <summary>Creates an empty store (a new database, schema, table or key prefix per call).</summary>
    Task<ICallStore> CreateStoreAsync();

    /// <summary>
    /// Reads what <paramref name="store"/> holds for <paramref name="callId"/>: at least the call's id, status and
    /// duration, and the version it was written at; <c>null</c> when the call is not stored.
    /// </summary>
    /// <param name="store">A store from <see cref="CreateStoreAsync"/>.</param>
    /// <param name="callId">The call's id.</param>
    Task<StoredCall?> FindAsync(ICallStore store, long callId);
}
