using System.Security.Cryptography;
using System.Text;
using Aircall.CallSync.Accounts;

namespace Aircall.CallSync.Testing;

/// <summary>
/// The <c>IAircallAccountStore</c> contract as executable checks, independent of any test framework: each method takes a
/// function that creates an empty store (a new database, schema or table per call) and throws
/// <see cref="AccountStoreConformanceException"/> when the store breaks a rule. Times are written in whole milliseconds:
/// a store must keep at least that precision. The <c>Aircall.CallSync.Testing.Xunit</c> package runs them all as xunit v3
/// facts (<c>AccountStoreConformanceTests</c>).
/// </summary>
public static class AccountStoreConformance
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_123);

    /// <summary>
    /// Every member of an account is read back as saved, by id, by webhook token digest and in the listing, with every
    /// optional member set and with none set; ids are compared ordinally (another case is another account).
    /// </summary>
    /// <param name="createStore">Creates an empty store.</param>
    public static async Task EveryMemberRoundTripsAsync(Func<Task<IAircallAccountStore>> createStore)
    {
        var store = await CreateAsync(createStore).ConfigureAwait(false);
        var full = Full("conformance-Full", 1);
        var bare = new AircallAccount { AccountId = "conformance-bare", InstalledAt = Epoch, UpdatedAt = Epoch };
        await store.SaveAsync(full, CancellationToken.None).ConfigureAwait(false);
        await store.SaveAsync(bare, CancellationToken.None).ConfigureAwait(false);

        RequireSame(full, await store.FindAsync(full.AccountId, CancellationToken.None).ConfigureAwait(false), "FindAsync after SaveAsync");
        var byDigest = full.Clone();
        byDigest.AccessToken = null; // the webhook path's lookup carries no secret
        RequireSame(byDigest, await store.FindByWebhookTokenDigestAsync(full.WebhookTokenDigest, CancellationToken.None).ConfigureAwait(false), "FindByWebhookTokenDigestAsync after SaveAsync (AccessToken null)");
        RequireSame(bare, await store.FindAsync(bare.AccountId, CancellationToken.None).ConfigureAwait(false), "FindAsync of an account with no optional member set");
        var listed = await ListAsync(store).ConfigureAwait(false);
        Require(listed.Count == 2, $"ListAsync returned {listed.Count} accounts after two were saved.");
        RequireSame(full, listed.Single(a => a.AccountId == full.AccountId), "ListAsync");
        RequireSame(bare, listed.Single(a => a.AccountId == bare.AccountId), "ListAsync");
        Require(await store.FindAsync("conformance-full", CancellationToken.None).ConfigureAwait(false) is null,
            "FindAsync(\"conformance-full\") found account \"conformance-Full\": account ids are compared ordinally (use a case-sensitive, binary collation).");
        Require(await store.FindAsync("conformance-unknown", CancellationToken.None).ConfigureAwait(false) is null, "FindAsync found an account that was never saved.");
    }

    /// <summary>Saving an account with an existing id replaces every member, clearing those now <c>null</c>.</summary>
    /// <param name="createStore">Creates an empty store.</param>
    public static async Task SaveReplacesEveryMemberAsync(Func<Task<IAircallAccountStore>> createStore)
    {
        var store = await CreateAsync(createStore).ConfigureAwait(false);
        await store.SaveAsync(Full("conformance-replaced", 1), CancellationToken.None).ConfigureAwait(false);
        var changed = Full("conformance-replaced", 2);
        await store.SaveAsync(changed, CancellationToken.None).ConfigureAwait(false);
        RequireSame(changed, await store.FindAsync(changed.AccountId, CancellationToken.None).ConfigureAwait(false), "FindAsync after a second SaveAsync with other values");

        var forgotten = new AircallAccount
        {
            AccountId = changed.AccountId,
            Status = AircallAccountStatus.Uninstalled,
            InstalledAt = changed.InstalledAt,
            UpdatedAt = changed.UpdatedAt.AddSeconds(1),
        };
        await store.SaveAsync(forgotten, CancellationToken.None).ConfigureAwait(false);
        RequireSame(forgotten, await store.FindAsync(changed.AccountId, CancellationToken.None).ConfigureAwait(false),
            "FindAsync after a SaveAsync with the optional members null (an uninstall forgets the token and the digest)");
        Require((await ListAsync(store).ConfigureAwait(false)).Count == 1, "ListAsync holds more than one account after three saves of one account id.");
    }

    /// <summary>
    /// The digest lookup finds exactly the account holding the digest; nothing for an unknown digest; nothing for a digest
    /// once its account cleared or changed it, and then another account may take it.
    /// </summary>
    /// <param name="createStore">Creates an empty store.</param>
    public static async Task DigestLookupFindsExactlyTheOwnerAsync(Func<Task<IAircallAccountStore>> createStore)
    {
        var store = await CreateAsync(createStore).ConfigureAwait(false);
        var a = Full("conformance-a", 1);
        var b = Full("conformance-b", 2);
        await store.SaveAsync(a, CancellationToken.None).ConfigureAwait(false);
        await store.SaveAsync(b, CancellationToken.None).ConfigureAwait(false);
        await RequireOwnerAsync(store, a.WebhookTokenDigest!, "conformance-a", "for account A's digest").ConfigureAwait(false);
        await RequireOwnerAsync(store, b.WebhookTokenDigest!, "conformance-b", "for account B's digest").ConfigureAwait(false);
        await RequireOwnerAsync(store, Digest("never issued"), null, "for a digest no account has").ConfigureAwait(false);

        var oldA = a.WebhookTokenDigest!;
        a.WebhookTokenDigest = null;
        await store.SaveAsync(a, CancellationToken.None).ConfigureAwait(false);
        await RequireOwnerAsync(store, oldA, null, "for the digest account A cleared").ConfigureAwait(false);

        var oldB = b.WebhookTokenDigest!;
        b.WebhookTokenDigest = Digest("token of b, rotated");
        await store.SaveAsync(b, CancellationToken.None).ConfigureAwait(false);
        await RequireOwnerAsync(store, oldB, null, "for the digest account B replaced").ConfigureAwait(false);
        await RequireOwnerAsync(store, b.WebhookTokenDigest, "conformance-b", "for account B's new digest").ConfigureAwait(false);

        var c = Full("conformance-c", 3);
        c.WebhookTokenDigest = oldA;
        await store.SaveAsync(c, CancellationToken.None).ConfigureAwait(false);
        await RequireOwnerAsync(store, oldA, "conformance-c", "for the digest account A gave up and account C then took").ConfigureAwait(false);
    }

    /// <summary>
    /// A digest belongs to one account: saving a second account with it fails, and changes neither account; saving the
    /// owner again with its own digest succeeds.
    /// </summary>
    /// <param name="createStore">Creates an empty store.</param>
    public static async Task DuplicateDigestIsRejectedAsync(Func<Task<IAircallAccountStore>> createStore)
    {
        var store = await CreateAsync(createStore).ConfigureAwait(false);
        var owner = Full("conformance-owner", 1);
        var other = Full("conformance-other", 2);
        await store.SaveAsync(owner, CancellationToken.None).ConfigureAwait(false);
        await store.SaveAsync(other, CancellationToken.None).ConfigureAwait(false);

        var thief = Full("conformance-other", 3);
        thief.WebhookTokenDigest = owner.WebhookTokenDigest;
        var newcomer = Full("conformance-newcomer", 4);
        newcomer.WebhookTokenDigest = owner.WebhookTokenDigest;
        foreach (var (account, what) in new[] { (thief, "an existing account"), (newcomer, "a new account") })
        {
            Exception? failure = null;
            try
            {
                await store.SaveAsync(account, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is not AccountStoreConformanceException)
            {
                failure = exception;
            }

            Require(failure is not null, $"SaveAsync of {what} ('{account.AccountId}') with the webhook token digest of account 'conformance-owner' succeeded: a digest belongs to one account (a unique index), so the save must fail.");
        }

        await RequireOwnerAsync(store, owner.WebhookTokenDigest!, "conformance-owner", "after other accounts tried to save its digest").ConfigureAwait(false);
        await RequireOwnerAsync(store, other.WebhookTokenDigest!, "conformance-other", "for the digest of an account whose save with another's digest failed (its own digest must still find it)").ConfigureAwait(false);
        RequireSame(other, await store.FindAsync(other.AccountId, CancellationToken.None).ConfigureAwait(false), "FindAsync of an account whose save with another's digest failed (nothing of it may be written)");
        Require(await store.FindAsync(newcomer.AccountId, CancellationToken.None).ConfigureAwait(false) is null, "A new account whose save with another's digest failed was stored anyway.");

        owner.Name = "saved again";
        await store.SaveAsync(owner, CancellationToken.None).ConfigureAwait(false);
        RequireSame(owner, await store.FindAsync(owner.AccountId, CancellationToken.None).ConfigureAwait(false), "FindAsync after the owner saved again with its own digest");
    }

    /// <summary>The listing holds every account once, ordered by account id, ordinally.</summary>
    /// <param name="createStore">Creates an empty store.</param>
    public static async Task ListIsOrderedByAccountIdAsync(Func<Task<IAircallAccountStore>> createStore)
    {
        var store = await CreateAsync(createStore).ConfigureAwait(false);
        var ids = new List<string> { "b", "B", "a", "a10", "a9", "a_1", "a-1", "Z", "1000", "999", "éa", "zz" };
        for (var i = 0; i < 1200; i++)
        {
            ids.Add("n" + ((i * 7919) % 1200).ToString("D5", System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var id in ids)
        {
            await store.SaveAsync(new AircallAccount { AccountId = id, InstalledAt = Epoch, UpdatedAt = Epoch }, CancellationToken.None).ConfigureAwait(false);
        }

        var listed = (await ListAsync(store).ConfigureAwait(false)).Select(a => a.AccountId).ToList();
        var expected = ids.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        Require(listed.Count == expected.Count, $"ListAsync returned {listed.Count} accounts; {expected.Count} were saved.");
        for (var i = 0; i < expected.Count; i++)
        {
            Require(listed[i] == expected[i], $"ListAsync's account {i} is '{listed[i]}', expected '{expected[i]}': accounts are listed by AccountId, ordinally (use a binary collation, e.g. COLLATE \"C\" on PostgreSQL).");
        }
    }

    /// <summary>
    /// <c>RecordActivityAsync</c> applies its rules: the webhook time only moves forward, a sync sets its time and clears
    /// the last error, an error is applied after the sync, the count is added, the next sync time is set, unset members
    /// change nothing (nor the other members of the account), and an unknown account is left unknown.
    /// </summary>
    /// <param name="createStore">Creates an empty store.</param>
    public static async Task RecordActivityFollowsItsRulesAsync(Func<Task<IAircallAccountStore>> createStore)
    {
        var store = await CreateAsync(createStore).ConfigureAwait(false);
        var expected = Full("conformance-activity", 1);
        expected.LastWebhookAt = null;
        await store.SaveAsync(expected, CancellationToken.None).ConfigureAwait(false);

        async Task StepAsync(AircallAccountActivity activity, string what, Action<AircallAccount> rule)
        {
            await store.RecordActivityAsync(expected.AccountId, activity, CancellationToken.None).ConfigureAwait(false);
            rule(expected);
            RequireSame(expected, await store.FindAsync(expected.AccountId, CancellationToken.None).ConfigureAwait(false), "FindAsync after RecordActivityAsync " + what);
        }

        var t = Epoch.AddHours(1);
        await StepAsync(new() { WebhookAt = t }, "with a first webhook time", a => a.LastWebhookAt = t).ConfigureAwait(false);
        await StepAsync(new() { WebhookAt = t.AddSeconds(-5) }, "with an earlier webhook time (it must not move back)", _ => { }).ConfigureAwait(false);
        await StepAsync(new() { WebhookAt = t.AddMilliseconds(1) }, "with a webhook time 1 ms later", a => a.LastWebhookAt = t.AddMilliseconds(1)).ConfigureAwait(false);
        await StepAsync(new() { CallsSynced = 5 }, "with CallsSynced 5 only (it adds, and nothing else changes)", a => a.CallsSynced += 5).ConfigureAwait(false);
        await StepAsync(new() { SyncedAt = t.AddMinutes(1), CallsSynced = 7 }, "with SyncedAt (it clears the last error) and CallsSynced 7",
            a => (a.LastSyncAt, a.LastError, a.LastErrorAt, a.CallsSynced) = (t.AddMinutes(1), null, null, a.CallsSynced + 7)).ConfigureAwait(false);
        await StepAsync(new() { Error = "sync failed: 503", ErrorAt = t.AddMinutes(2) }, "with an error", a => (a.LastError, a.LastErrorAt) = ("sync failed: 503", t.AddMinutes(2))).ConfigureAwait(false);
        await StepAsync(new() { NextSyncAt = t.AddMinutes(30) }, "with NextSyncAt only (the error stays)", a => a.NextSyncAt = t.AddMinutes(30)).ConfigureAwait(false);
        await StepAsync(new() { SyncedAt = t.AddMinutes(3), Error = "page 3 failed", ErrorAt = t.AddMinutes(3) }, "with SyncedAt and an error (the error is applied after the sync)",
            a => (a.LastSyncAt, a.LastError, a.LastErrorAt) = (t.AddMinutes(3), "page 3 failed", t.AddMinutes(3))).ConfigureAwait(false);
        await StepAsync(new(), "with nothing set", _ => { }).ConfigureAwait(false);

        await store.RecordActivityAsync("conformance-unknown", new() { CallsSynced = 1, WebhookAt = t }, CancellationToken.None).ConfigureAwait(false);
        Require(await store.FindAsync("conformance-unknown", CancellationToken.None).ConfigureAwait(false) is null, "RecordActivityAsync for an unknown account created it: it must do nothing.");
    }

    /// <summary>
    /// Concurrent <c>RecordActivityAsync</c> calls for one account, from many tasks, lose no increment and leave the
    /// latest webhook time, whatever their order: the update is atomic, not a read-modify-write.
    /// </summary>
    /// <param name="createStore">Creates an empty store.</param>
    public static async Task ConcurrentActivityLosesNothingAsync(Func<Task<IAircallAccountStore>> createStore)
    {
        var store = await CreateAsync(createStore).ConfigureAwait(false);
        var account = Full("conformance-concurrent", 1);
        account.LastWebhookAt = null;
        account.CallsSynced = 0;
        await store.SaveAsync(account, CancellationToken.None).ConfigureAwait(false);
        const int Writes = 200;
        var order = Enumerable.Range(1, Writes).ToArray();
        new Random(15).Shuffle(order);
        await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            await store.RecordActivityAsync(account.AccountId, new() { CallsSynced = i, WebhookAt = Epoch.AddSeconds(i) }, ct).ConfigureAwait(false)).ConfigureAwait(false);

        var stored = await store.FindAsync(account.AccountId, CancellationToken.None).ConfigureAwait(false)
                     ?? throw new AccountStoreConformanceException("The account is gone after concurrent RecordActivityAsync calls.");
        const long Sum = Writes * (Writes + 1) / 2;
        Require(stored.CallsSynced == Sum, $"After {Writes} concurrent RecordActivityAsync calls adding 1..{Writes}, CallsSynced is {stored.CallsSynced}, expected {Sum}: increments were lost (add in the database, e.g. SET calls_synced = calls_synced + @n, not a read-modify-write).");
        Require(stored.LastWebhookAt == Epoch.AddSeconds(Writes), $"After concurrent RecordActivityAsync calls, LastWebhookAt is {stored.LastWebhookAt:O}, expected the latest, {Epoch.AddSeconds(Writes):O}: the webhook time must only move forward, atomically.");
    }

    /// <summary>Runs every check.</summary>
    /// <param name="createStore">Creates an empty store.</param>
    public static async Task RunAllAsync(Func<Task<IAircallAccountStore>> createStore)
    {
        await EveryMemberRoundTripsAsync(createStore).ConfigureAwait(false);
        await SaveReplacesEveryMemberAsync(createStore).ConfigureAwait(false);
        await DigestLookupFindsExactlyTheOwnerAsync(createStore).ConfigureAwait(false);
        await DuplicateDigestIsRejectedAsync(createStore).ConfigureAwait(false);
        await ListIsOrderedByAccountIdAsync(createStore).ConfigureAwait(false);
        await RecordActivityFollowsItsRulesAsync(createStore).ConfigureAwait(false);
        await ConcurrentActivityLosesNothingAsync(createStore).ConfigureAwait(false);
    }

    internal static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));

    internal static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new AccountStoreConformanceException(message);
        }
    }

    private static async Task<IAircallAccountStore> CreateAsync(Func<Task<IAircallAccountStore>> createStore)
    {
        ArgumentNullException.ThrowIfNull(createStore);
        return await createStore().ConfigureAwait(false) ?? throw new ArgumentException("createStore returned null.", nameof(createStore));
    }

    /// <summary>An account with every member set, to values that differ with <paramref name="seed"/>.</summary>
    private static AircallAccount Full(string accountId, int seed) => new()
    {
        AccountId = accountId,
        CompanyId = 9_000_000_000L + seed,
        Name = $"Acme support {seed} — é",
        Status = (AircallAccountStatus)(seed % 4),
        AccessToken = $"conformance-access-token-{seed}-{accountId}",
        WebhookId = $"webhook-{seed}-{accountId}",
        WebhookTokenDigest = Digest($"webhook token {seed} {accountId}"),
        InstalledAt = Epoch.AddDays(seed),
        UpdatedAt = Epoch.AddDays(seed).AddMilliseconds(1),
        LastWebhookAt = Epoch.AddDays(seed).AddMinutes(1).AddMilliseconds(7),
        LastSyncAt = Epoch.AddDays(seed).AddMinutes(2),
        NextSyncAt = Epoch.AddDays(seed).AddMinutes(3).ToOffset(TimeSpan.FromHours(2)),
        CallsSynced = 1_000L + seed,
        LastError = $"error {seed}",
        LastErrorAt = Epoch.AddDays(seed).AddMinutes(4),
    };

    private static async Task<List<AircallAccount>> ListAsync(IAircallAccountStore store)
    {
        var accounts = new List<AircallAccount>();
        await foreach (var account in store.ListAsync(CancellationToken.None).ConfigureAwait(false))
        {
            accounts.Add(account);
        }

        return accounts;
    }

    private static async Task RequireOwnerAsync(IAircallAccountStore store, byte[] digest, string? owner, string when)
    {
        var found = await store.FindByWebhookTokenDigestAsync(digest, CancellationToken.None).ConfigureAwait(false);
        Require(found?.AccountId == owner,
            $"FindByWebhookTokenDigestAsync {when} returned {(found is null ? "no account" : $"account '{found.AccountId}'")}; expected {(owner is null ? "none" : $"account '{owner}'")}.");
    }

    private static void RequireSame(AircallAccount expected, AircallAccount? actual, string when)
    {
        if (actual is null)
        {
            throw new AccountStoreConformanceException($"{when}: account '{expected.AccountId}' is not found.");
        }

        var wrong = new List<string>();
        void Check<T>(string member, T want, T got)
        {
            if (!EqualityComparer<T>.Default.Equals(want, got))
            {
                wrong.Add(member == nameof(AircallAccount.AccessToken) ? $"{member} (values not shown)" : $"{member} is {Show(got)}, expected {Show(want)}");
            }
        }

        Check(nameof(AircallAccount.AccountId), expected.AccountId, actual.AccountId);
        Check(nameof(AircallAccount.CompanyId), expected.CompanyId, actual.CompanyId);
        Check(nameof(AircallAccount.Name), expected.Name, actual.Name);
        Check(nameof(AircallAccount.Status), expected.Status, actual.Status);
        Check(nameof(AircallAccount.AccessToken), expected.AccessToken, actual.AccessToken);
        Check(nameof(AircallAccount.WebhookId), expected.WebhookId, actual.WebhookId);
        Check(nameof(AircallAccount.WebhookTokenDigest), Hex(expected.WebhookTokenDigest), Hex(actual.WebhookTokenDigest));
        Check(nameof(AircallAccount.InstalledAt), expected.InstalledAt, actual.InstalledAt);
        Check(nameof(AircallAccount.UpdatedAt), expected.UpdatedAt, actual.UpdatedAt);
        Check(nameof(AircallAccount.LastWebhookAt), expected.LastWebhookAt, actual.LastWebhookAt);
        Check(nameof(AircallAccount.LastSyncAt), expected.LastSyncAt, actual.LastSyncAt);
        Check(nameof(AircallAccount.NextSyncAt), expected.NextSyncAt, actual.NextSyncAt);
        Check(nameof(AircallAccount.CallsSynced), expected.CallsSynced, actual.CallsSynced);
        Check(nameof(AircallAccount.LastError), expected.LastError, actual.LastError);
        Check(nameof(AircallAccount.LastErrorAt), expected.LastErrorAt, actual.LastErrorAt);
        if (wrong.Count > 0)
        {
            throw new AccountStoreConformanceException($"{when}: account '{expected.AccountId}' does not read back as saved: {string.Join("; ", wrong)}.");
        }
    }

    private static string? Hex(byte[]? bytes) => bytes is null ? null : Convert.ToHexString(bytes);

    private static string Show<T>(T value) => value switch
    {
        null => "null",
        DateTimeOffset time => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        _ => $"'{value}'",
    };
}
