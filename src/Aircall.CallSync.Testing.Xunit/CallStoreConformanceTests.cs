using Aircall.CallSync.Storage;
using Xunit;

namespace Aircall.CallSync.Testing.Xunit;

/// <summary>
/// The <c>ICallStore</c> conformance kit (<see cref="CallStoreConformance"/>) as an xunit v3 base class: derive a test
/// class, implement <see cref="CreateStoreAsync"/> and <see cref="FindAsync"/>, and every rule of the contract runs as a
/// fact against your store.
/// </summary>
/// <example>
/// <code>
/// public sealed class MyStoreConformance : CallStoreConformanceTests
/// {
///     protected override Task&lt;ICallStore&gt; CreateStoreAsync() => Task.FromResult&lt;ICallStore&gt;(new MyStore(NewDatabase()));
///     protected override Task&lt;StoredCall?&gt; FindAsync(ICallStore store, string? accountId, long callId) => ((MyStore)store).FindAsync(accountId, callId);
/// }
/// </code>
/// </example>
public abstract class CallStoreConformanceTests : ICallStoreProbe
{
    /// <inheritdoc/>
    Task<ICallStore> ICallStoreProbe.CreateStoreAsync() => CreateStoreAsync();

    /// <inheritdoc/>
    Task<StoredCall?> ICallStoreProbe.FindAsync(ICallStore store, string? accountId, long callId) => FindAsync(store, accountId, callId);

    /// <summary>See <see cref="CallStoreConformance.RawPayloadIsKeptAsync"/>.</summary>
    [Fact]
    public Task RawPayloadIsKept() => CallStoreConformance.RawPayloadIsKeptAsync(this);

    /// <summary>See <see cref="CallStoreConformance.FirstWriteIsStoredAsync"/>.</summary>
    [Fact]
    public Task FirstWriteIsStored() => CallStoreConformance.FirstWriteIsStoredAsync(this);

    /// <summary>See <see cref="CallStoreConformance.DuplicateWritesAreHarmlessAsync"/>.</summary>
    [Fact]
    public Task DuplicateWritesAreHarmless() => CallStoreConformance.DuplicateWritesAreHarmlessAsync(this);

    /// <summary>See <see cref="CallStoreConformance.OlderVersionNeverOverwritesNewerAsync"/>.</summary>
    [Fact]
    public Task OlderVersionNeverOverwritesNewer() => CallStoreConformance.OlderVersionNeverOverwritesNewerAsync(this);

    /// <summary>See <see cref="CallStoreConformance.NewerVersionReplacesOlderAsync"/>.</summary>
    [Fact]
    public Task NewerVersionReplacesOlder() => CallStoreConformance.NewerVersionReplacesOlderAsync(this);

    /// <summary>See <see cref="CallStoreConformance.LifecycleNeverGoesBackAsync"/>.</summary>
    [Fact]
    public Task LifecycleNeverGoesBack() => CallStoreConformance.LifecycleNeverGoesBackAsync(this);

    /// <summary>See <see cref="CallStoreConformance.AllLifecycleOrdersEndWithTheNewestStateAsync"/>.</summary>
    [Fact]
    public Task AllLifecycleOrdersEndWithTheNewestState() => CallStoreConformance.AllLifecycleOrdersEndWithTheNewestStateAsync(this);

    /// <summary>See <see cref="CallStoreConformance.ConcurrentWritersLeaveTheNewestAsync"/>.</summary>
    [Fact]
    public Task ConcurrentWritersLeaveTheNewest() => CallStoreConformance.ConcurrentWritersLeaveTheNewestAsync(this);

    /// <summary>See <see cref="CallStoreConformance.PagesAreStoredWholeAsync"/>.</summary>
    [Fact]
    public Task PagesAreStoredWhole() => CallStoreConformance.PagesAreStoredWholeAsync(this);

    /// <summary>See <see cref="CallStoreConformance.AccountsNeverOverwriteEachOtherAsync"/>.</summary>
    [Fact]
    public Task AccountsNeverOverwriteEachOther() => CallStoreConformance.AccountsNeverOverwriteEachOtherAsync(this);

    /// <summary>See <see cref="CallStoreConformance.ReadsAreScopedToTheAccountAsync"/>.</summary>
    [Fact]
    public Task ReadsAreScopedToTheAccount() => CallStoreConformance.ReadsAreScopedToTheAccountAsync(this);

    /// <summary>See <see cref="CallStoreConformance.SubSecondVersionsAreOrderedAsync"/>.</summary>
    [Fact]
    public Task SubSecondVersionsAreOrdered() => CallStoreConformance.SubSecondVersionsAreOrderedAsync(this);

    /// <summary>Creates an empty store.</summary>
    protected abstract Task<ICallStore> CreateStoreAsync();

    /// <summary>
    /// Reads back what the store holds for an account's call, with its version and account; <c>null</c> when that
    /// account has no such call.
    /// </summary>
    /// <param name="store">A store from <see cref="CreateStoreAsync"/>.</param>
    /// <param name="accountId">The account (<c>null</c>: the calls written without an account).</param>
    /// <param name="callId">The call's id.</param>
    protected abstract Task<StoredCall?> FindAsync(ICallStore store, string? accountId, long callId);
}
