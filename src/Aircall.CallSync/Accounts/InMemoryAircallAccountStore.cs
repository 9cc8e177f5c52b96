using System.Runtime.CompilerServices;

namespace Aircall.CallSync.Accounts;

/// <summary>An <see cref="IAircallAccountStore"/> in process memory, for tests and demos: lost when the process ends. Thread-safe.</summary>
public sealed class InMemoryAircallAccountStore : IAircallAccountStore
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, AircallAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _byDigest = new(StringComparer.Ordinal);

    /// <summary>How many accounts are kept.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _accounts.Count;
            }
        }
    }

    /// <inheritdoc/>
    public ValueTask<AircallAccount?> FindAsync(string accountId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        lock (_gate)
        {
            return ValueTask.FromResult(_accounts.TryGetValue(accountId, out var account) ? account.Clone() : null);
        }
    }

    /// <inheritdoc/>
    public ValueTask<AircallAccount?> FindByWebhookTokenDigestAsync(ReadOnlyMemory<byte> digest, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexString(digest.Span);
        lock (_gate)
        {
            if (!_byDigest.TryGetValue(key, out var id) || !_accounts.TryGetValue(id, out var account))
            {
                return ValueTask.FromResult<AircallAccount?>(null);
            }

            var copy = account.Clone();
            copy.AccessToken = null; // the contract: the webhook path gets no secret
            return ValueTask.FromResult<AircallAccount?>(copy);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<AircallAccount> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        AircallAccount[] snapshot;
        lock (_gate)
        {
            snapshot = new AircallAccount[_accounts.Count];
            var i = 0;
            foreach (var account in _accounts.Values)
            {
                snapshot[i++] = account.Clone();
            }
        }

        foreach (var account in snapshot)
        {
            cancellationToken.ThrowIfCancellationRequested();
            yield return account;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public ValueTask SaveAsync(AircallAccount account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentException.ThrowIfNullOrWhiteSpace(account.AccountId);
        if (account.WebhookTokenDigest is { Length: not 32 })
        {
            throw new ArgumentException("A webhook token digest is a SHA-256 digest of 32 bytes.", nameof(account));
        }

        var copy = account.Clone();
        lock (_gate)
        {
            var key = copy.WebhookTokenDigest is { } digest ? Convert.ToHexString(digest) : null;
            if (key is not null && _byDigest.TryGetValue(key, out var owner) && owner != copy.AccountId)
            {
                // Refused before anything changes: the account keeps its own digest.
                throw new InvalidOperationException($"Account '{owner}' already has this webhook token digest; a webhook token belongs to one account.");
            }

            if (_accounts.TryGetValue(copy.AccountId, out var old) && old.WebhookTokenDigest is { } oldDigest)
            {
                _byDigest.Remove(Convert.ToHexString(oldDigest));
            }

            if (key is not null)
            {
                _byDigest[key] = copy.AccountId;
            }

            _accounts[copy.AccountId] = copy;
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public ValueTask RecordActivityAsync(string accountId, AircallAccountActivity activity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accountId);
        ArgumentNullException.ThrowIfNull(activity);
        lock (_gate)
        {
            if (_accounts.TryGetValue(accountId, out var account))
            {
                Apply(account, activity);
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>The rules of <see cref="AircallAccountActivity"/>, shared with other stores' tests.</summary>
    internal static void Apply(AircallAccount account, AircallAccountActivity activity)
    {
        if (activity.WebhookAt is { } webhook && (account.LastWebhookAt is not { } last || webhook > last))
        {
            account.LastWebhookAt = webhook;
        }

        if (activity.SyncedAt is { } synced)
        {
            account.LastSyncAt = synced;
            account.LastError = null;
            account.LastErrorAt = null;
        }

        account.CallsSynced += activity.CallsSynced;
        if (activity.NextSyncAt is { } next)
        {
            account.NextSyncAt = next;
        }

        if (activity.Error is { } error)
        {
            account.LastError = error;
            account.LastErrorAt = activity.ErrorAt ?? throw new ArgumentException("An activity with an error says when it happened (ErrorAt).", nameof(activity));
        }
    }
}
