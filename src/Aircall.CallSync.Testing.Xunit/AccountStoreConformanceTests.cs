using Aircall.CallSync.Accounts;
using Xunit;

namespace Aircall.CallSync.Testing.Xunit;

/// <summary>
/// The <c>IAircallAccountStore</c> conformance kit (<see cref="AccountStoreConformance"/>) as an xunit v3 base class:
/// derive a test class, implement <see cref="CreateStoreAsync"/>, and every rule of the contract runs as a fact.
/// </summary>
public abstract class AccountStoreConformanceTests
{
    /// <summary>See <see cref="AccountStoreConformance.EveryMemberRoundTripsAsync"/>.</summary>
    [Fact]
    public Task EveryMemberRoundTrips() => AccountStoreConformance.EveryMemberRoundTripsAsync(CreateStoreAsync);

    /// <summary>See <see cref="AccountStoreConformance.SaveReplacesEveryMemberAsync"/>.</summary>
    [Fact]
    public Task SaveReplacesEveryMember() => AccountStoreConformance.SaveReplacesEveryMemberAsync(CreateStoreAsync);

    /// <summary>See <see cref="AccountStoreConformance.DigestLookupFindsExactlyTheOwnerAsync"/>.</summary>
    [Fact]
    public Task DigestLookupFindsExactlyTheOwner() => AccountStoreConformance.DigestLookupFindsExactlyTheOwnerAsync(CreateStoreAsync);

    /// <summary>See <see cref="AccountStoreConformance.DuplicateDigestIsRejectedAsync"/>.</summary>
    [Fact]
    public Task DuplicateDigestIsRejected() => AccountStoreConformance.DuplicateDigestIsRejectedAsync(CreateStoreAsync);

    /// <summary>See <see cref="AccountStoreConformance.ListIsOrderedByAccountIdAsync"/>.</summary>
    [Fact]
    public Task ListIsOrderedByAccountId() => AccountStoreConformance.ListIsOrderedByAccountIdAsync(CreateStoreAsync);

    /// <summary>See <see cref="AccountStoreConformance.RecordActivityFollowsItsRulesAsync"/>.</summary>
    [Fact]
    public Task RecordActivityFollowsItsRules() => AccountStoreConformance.RecordActivityFollowsItsRulesAsync(CreateStoreAsync);

    /// <summary>See <see cref="AccountStoreConformance.ConcurrentActivityLosesNothingAsync"/>.</summary>
    [Fact]
    public Task ConcurrentActivityLosesNothing() => AccountStoreConformance.ConcurrentActivityLosesNothingAsync(CreateStoreAsync);

    /// <summary>Creates an empty store (a new database, schema or table per call).</summary>
    protected abstract Task<IAircallAccountStore> CreateStoreAsync();
}
