using Aircall.CallSync.OAuth;
using Xunit;

namespace Aircall.CallSync.Testing.Xunit;

/// <summary>
/// The <c>IOAuthStateStore</c> conformance kit (<see cref="OAuthStateStoreConformance"/>) as an xunit v3 base class:
/// derive a test class, implement <see cref="CreateStoreAsync"/>, and every rule of the contract runs as a fact.
/// </summary>
public abstract class OAuthStateStoreConformanceTests
{
    /// <summary>See <see cref="OAuthStateStoreConformance.StateIsConsumedOnceAsync"/>.</summary>
    [Fact]
    public Task StateIsConsumedOnce() => OAuthStateStoreConformance.StateIsConsumedOnceAsync(CreateStoreAsync);

    /// <summary>See <see cref="OAuthStateStoreConformance.ExpiredStateIsRefusedAsync"/>.</summary>
    [Fact]
    public Task ExpiredStateIsRefused() => OAuthStateStoreConformance.ExpiredStateIsRefusedAsync(CreateStoreAsync);

    /// <summary>See <see cref="OAuthStateStoreConformance.ConcurrentConsumersWinOnceAsync"/>.</summary>
    [Fact]
    public Task ConcurrentConsumersWinOnce() => OAuthStateStoreConformance.ConcurrentConsumersWinOnceAsync(CreateStoreAsync);

    /// <summary>Creates an empty store.</summary>
    protected abstract Task<IOAuthStateStore> CreateStoreAsync();
}
