using Aircall.CallSync.Accounts;
using Aircall.CallSync.OAuth;
using Aircall.CallSync.Testing;
using Aircall.CallSync.Testing.Xunit;

namespace Aircall.CallSync.Tests.Accounts;

/// <summary>The account and OAuth state conformance kits against the in-memory stores, which are their reference.</summary>
public sealed class InMemoryAccountStoreConformanceTests : AccountStoreConformanceTests
{
    protected override Task<IAircallAccountStore> CreateStoreAsync() => Task.FromResult<IAircallAccountStore>(new InMemoryAircallAccountStore());
}

public sealed class InMemoryOAuthStateStoreConformanceTests : OAuthStateStoreConformanceTests
{
    protected override Task<IOAuthStateStore> CreateStoreAsync() => Task.FromResult<IOAuthStateStore>(new InMemoryOAuthStateStore());
}

/// <summary>The kits fail a store that breaks a rule, naming it: a kit that cannot fail tests nothing.</summary>
public sealed class AccountStoreConformanceKitTests
{
    [Fact]
    public async Task A_store_that_reads_modify_writes_the_activity_fails_the_concurrency_check()
    {
        var act = () => AccountStoreConformance.ConcurrentActivityLosesNothingAsync(() => Task.FromResult<IAircallAccountStore>(new RacyStore()));

        (await act.Should().ThrowAsync<AccountStoreConformanceException>()).Which.Message.Should().Contain("increments were lost");
    }

    [Fact]
    public async Task A_store_that_lets_the_webhook_time_move_back_fails_the_rules_check()
    {
        var act = () => AccountStoreConformance.RecordActivityFollowsItsRulesAsync(() => Task.FromResult<IAircallAccountStore>(new BackwardsWebhookStore()));

        (await act.Should().ThrowAsync<AccountStoreConformanceException>()).Which.Message.Should().Contain("earlier webhook time").And.Contain("LastWebhookAt");
    }

    [Fact]
    public async Task A_store_that_accepts_a_duplicate_digest_or_lists_unordered_fails()
    {
        var duplicate = () => AccountStoreConformance.DuplicateDigestIsRejectedAsync(() => Task.FromResult<IAircallAccountStore>(new UncheckedDigestStore()));
        (await duplicate.Should().ThrowAsync<AccountStoreConformanceException>()).Which.Message.Should().Contain("a digest belongs to one account");

        var unordered = () => AccountStoreConformance.ListIsOrderedByAccountIdAsync(() => Task.FromResult<IAircallAccountStore>(new CultureOrderedStore()));
        (await unordered.Should().ThrowAsync<AccountStoreConformanceException>()).Which.Message.Should().Contain("ordinally");
    }

    [Fact]
    public async Task A_state_store_that_checks_then_deletes_fails_the_concurrency_check_and_one_that_ignores_expiry_fails_the_expiry_check()
    {
        var racy = () => OAuthStateStoreConformance.ConcurrentConsumersWinOnceAsync(() => Task.FromResult<IOAuthStateStore>(new CheckThenDeleteStateStore()));
        (await racy.Should().ThrowAsync<AccountStoreConformanceException>()).Which.Message.Should().Contain("exactly one must");

        var ageless = () => OAuthStateStoreConformance.ExpiredStateIsRefusedAsync(() => Task.FromResult<IOAuthStateStore>(new AgelessStateStore()));
        (await ageless.Should().ThrowAsync<AccountStoreConformanceException>()).Which.Message.Should().Contain("expir");
    }

    /// <summary>Reads the account, yields, then writes it back: concurrent increments overwrite each other.</summary>
    private sealed class RacyStore : DelegatingStore
    {
        public override async ValueTask RecordActivityAsync(string accountId, AircallAccountActivity activity, CancellationToken cancellationToken)
        {
            var account = await FindAsync(accountId, cancellationToken);
            await Task.Yield();
            await Task.Delay(1, cancellationToken);
            if (account is not null)
            {
                account.CallsSynced += activity.CallsSynced;
                account.LastWebhookAt = activity.WebhookAt ?? account.LastWebhookAt;
                await SaveAsync(account, cancellationToken);
            }
        }
    }

    private sealed class BackwardsWebhookStore : DelegatingStore
    {
        public override async ValueTask RecordActivityAsync(string accountId, AircallAccountActivity activity, CancellationToken cancellationToken)
        {
            await base.RecordActivityAsync(accountId, activity, cancellationToken);
            if (activity.WebhookAt is { } at && await FindAsync(accountId, cancellationToken) is { } account)
            {
                account.LastWebhookAt = at;
                await SaveAsync(account, cancellationToken);
            }
        }
    }

    /// <summary>Keeps a second account with an owner's digest (forgets the owner's index entry instead of refusing).</summary>
    private sealed class UncheckedDigestStore : DelegatingStore
    {
        private readonly Dictionary<string, AircallAccount> _accounts = new(StringComparer.Ordinal);

        public override ValueTask SaveAsync(AircallAccount account, CancellationToken cancellationToken)
        {
            lock (_accounts)
            {
                _accounts[account.AccountId] = account.Clone();
            }

            return ValueTask.CompletedTask;
        }

        public override ValueTask<AircallAccount?> FindAsync(string accountId, CancellationToken cancellationToken)
        {
            lock (_accounts)
            {
                return ValueTask.FromResult(_accounts.TryGetValue(accountId, out var a) ? a.Clone() : null);
            }
        }
    }

    private sealed class CultureOrderedStore : DelegatingStore
    {
        public override async IAsyncEnumerable<AircallAccount> ListAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
        {
            var all = new List<AircallAccount>();
            await foreach (var account in base.ListAsync(cancellationToken))
            {
                all.Add(account);
            }

            foreach (var account in all.OrderBy(a => a.AccountId, StringComparer.InvariantCultureIgnoreCase))
            {
                yield return account;
            }
        }
    }

    private class DelegatingStore : IAircallAccountStore
    {
        private readonly InMemoryAircallAccountStore _inner = new();

        public virtual ValueTask<AircallAccount?> FindAsync(string accountId, CancellationToken cancellationToken) => _inner.FindAsync(accountId, cancellationToken);

        public ValueTask<AircallAccount?> FindByWebhookTokenDigestAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken) => _inner.FindByWebhookTokenDigestAsync(digest, cancellationToken);

        public virtual IAsyncEnumerable<AircallAccount> ListAsync(CancellationToken cancellationToken) => _inner.ListAsync(cancellationToken);

        public virtual ValueTask SaveAsync(AircallAccount account, CancellationToken cancellationToken) => _inner.SaveAsync(account, cancellationToken);

        public virtual ValueTask RecordActivityAsync(string accountId, AircallAccountActivity activity, CancellationToken cancellationToken) => _inner.RecordActivityAsync(accountId, activity, cancellationToken);
    }

    private sealed class CheckThenDeleteStateStore : IOAuthStateStore
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, DateTimeOffset> _states = new();

        public ValueTask AddAsync(ReadOnlyMemory<byte> stateDigest, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        {
            _states[Convert.ToHexString(stateDigest.Span)] = expiresAt;
            return ValueTask.CompletedTask;
        }

        public async ValueTask<bool> TryConsumeAsync(ReadOnlyMemory<byte> stateDigest, DateTimeOffset now, CancellationToken cancellationToken)
        {
            var key = Convert.ToHexString(stateDigest.Span);
            var known = _states.TryGetValue(key, out var expires) && expires > now;
            await Task.Delay(5, cancellationToken);
            _states.TryRemove(key, out _);
            return known;
        }
    }

    private sealed class AgelessStateStore : IOAuthStateStore
    {
        private readonly InMemoryOAuthStateStore _inner = new();

        public ValueTask AddAsync(ReadOnlyMemory<byte> stateDigest, DateTimeOffset expiresAt, CancellationToken cancellationToken)
            => _inner.AddAsync(stateDigest, DateTimeOffset.MaxValue, cancellationToken);

        public ValueTask<bool> TryConsumeAsync(ReadOnlyMemory<byte> stateDigest, DateTimeOffset now, CancellationToken cancellationToken)
            => _inner.TryConsumeAsync(stateDigest, now, cancellationToken);
    }
}
