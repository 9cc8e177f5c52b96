using Aircall.CallSync.Storage;
using Aircall.CallSync.Testing;
using Aircall.CallSync.Testing.Xunit;

namespace Aircall.CallSync.IntegrationTests.Conformance;

/// <summary>Our own in-memory store passes the kit users run against theirs.</summary>
public sealed class InMemoryCallStoreConformanceTests : CallStoreConformanceTests
{
    protected override Task<ICallStore> CreateStoreAsync() => Task.FromResult<ICallStore>(new InMemoryCallStore());

    protected override Task<StoredCall?> FindAsync(ICallStore store, string? accountId, long callId) => Task.FromResult(((InMemoryCallStore)store).Find(accountId, callId));
}

/// <summary>The kit catches a store that keeps the last write whatever its version.</summary>
public sealed class ConformanceKitCatchesBrokenStoresTests
{
    [Fact]
    public async Task A_last_write_wins_store_fails_the_kit_with_a_message_naming_the_rule()
    {
        var act = () => CallStoreConformance.OlderVersionNeverOverwritesNewerAsync(new LastWriteWinsProbe());

        (await act.Should().ThrowAsync<CallStoreConformanceException>()).WithMessage("*older*");
    }

    [Fact]
    public async Task A_store_that_regresses_the_lifecycle_fails_the_kit()
    {
        var act = () => CallStoreConformance.LifecycleNeverGoesBackAsync(new LastWriteWinsProbe());

        await act.Should().ThrowAsync<CallStoreConformanceException>();
    }

    [Fact]
    public async Task A_store_keyed_by_call_id_alone_fails_the_kit_naming_the_account_rule()
    {
        var act = () => CallStoreConformance.AccountsNeverOverwriteEachOtherAsync(new CallIdKeyedProbe());

        (await act.Should().ThrowAsync<CallStoreConformanceException>()).WithMessage("*(AccountId, CallId)*");
    }

    [Fact]
    public async Task A_store_whose_reads_ignore_the_account_fails_the_kit()
    {
        var act = () => CallStoreConformance.ReadsAreScopedToTheAccountAsync(new CallIdKeyedProbe());

        (await act.Should().ThrowAsync<CallStoreConformanceException>()).WithMessage("*scoped to the account*");
    }

    [Fact]
    public async Task A_store_that_keeps_versions_in_whole_seconds_fails_the_kit()
    {
        var act = () => CallStoreConformance.SubSecondVersionsAreOrderedAsync(new WholeSecondsProbe());

        (await act.Should().ThrowAsync<CallStoreConformanceException>()).WithMessage("*microsecond*");
    }

    /// <summary>Keys by (account, id) and applies the version rule, but keeps versions in whole seconds (the bug of issue 11, item 13).</summary>
    private sealed class WholeSecondsStore : ICallStore
    {
        public Dictionary<(string?, long), StoredCall> Rows { get; } = [];

        public ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken)
        {
            var seconds = DateTimeOffset.FromUnixTimeSeconds(write.Version.ToUnixTimeSeconds());
            lock (Rows)
            {
                if (Rows.TryGetValue((write.AccountId, write.CallId), out var current) && (seconds < current.Version || CallWrite.Rank(current.Call.Status) > CallWrite.Rank(write.Call.Status)))
                {
                    return ValueTask.FromResult(false);
                }

                Rows[(write.AccountId, write.CallId)] = new StoredCall(write.Call, seconds) { AccountId = write.AccountId };
                return ValueTask.FromResult(true);
            }
        }
    }

    private sealed class WholeSecondsProbe : ICallStoreProbe
    {
        public Task<ICallStore> CreateStoreAsync() => Task.FromResult<ICallStore>(new WholeSecondsStore());

        public Task<StoredCall?> FindAsync(ICallStore store, string? accountId, long callId)
            => Task.FromResult(((WholeSecondsStore)store).Rows.GetValueOrDefault((accountId, callId)));
    }

    /// <summary>Applies the version rule, but keys rows by call id alone (the bug of issue 11, item 5).</summary>
    private sealed class CallIdKeyedStore : ICallStore
    {
        public Dictionary<long, StoredCall> Rows { get; } = [];

        public ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken)
        {
            lock (Rows)
            {
                if (Rows.TryGetValue(write.CallId, out var current) && !write.Supersedes(current.Version, current.Call.Status))
                {
                    return ValueTask.FromResult(false);
                }

                Rows[write.CallId] = new StoredCall(write.Call, write.Version) { AccountId = write.AccountId };
                return ValueTask.FromResult(true);
            }
        }
    }

    private sealed class CallIdKeyedProbe : ICallStoreProbe
    {
        public Task<ICallStore> CreateStoreAsync() => Task.FromResult<ICallStore>(new CallIdKeyedStore());

        public Task<StoredCall?> FindAsync(ICallStore store, string? accountId, long callId)
            => Task.FromResult(((CallIdKeyedStore)store).Rows.GetValueOrDefault(callId));
    }

    private sealed class LastWriteWinsStore : ICallStore
    {
        public Dictionary<long, StoredCall> Rows { get; } = [];

        public ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken)
        {
            lock (Rows)
            {
                Rows[write.CallId] = new StoredCall(write.Call, write.Version);
            }

            return ValueTask.FromResult(true);
        }
    }

    private sealed class LastWriteWinsProbe : ICallStoreProbe
    {
        public Task<ICallStore> CreateStoreAsync() => Task.FromResult<ICallStore>(new LastWriteWinsStore());

        public Task<StoredCall?> FindAsync(ICallStore store, string? accountId, long callId)
            => Task.FromResult(((LastWriteWinsStore)store).Rows.GetValueOrDefault(callId));
    }
}
