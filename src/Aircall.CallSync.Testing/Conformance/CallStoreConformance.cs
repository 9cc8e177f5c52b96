using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;

namespace Aircall.CallSync.Testing;

/// <summary>
/// The <c>ICallStore</c> contract as executable checks, independent of any test framework: each method throws
/// <see cref="CallStoreConformanceException"/> when the store breaks a rule. Call them from the tests of any framework
/// (NUnit, MSTest, xunit 2 or 3) or from a program; the <c>Aircall.CallSync.Testing.Xunit</c> package runs them all as
/// xunit v3 facts (<c>CallStoreConformanceTests</c>).
/// </summary>
public static class CallStoreConformance
{
    private const string AccountA = "conformance-account-a";
    private const string AccountB = "conformance-account-b";
    private const string AccountRule = "A store shared by accounts must key calls by (AccountId, CallId), and compare versions with that account's row only.";
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    /// <summary>A first write is stored with its version.</summary>
    /// <param name="probe">Creates and reads your store.</param>
    public static async Task FirstWriteIsStoredAsync(ICallStoreProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var store = await probe.CreateStoreAsync().ConfigureAwait(false);
        var applied = await store.UpsertAsync(Write(1001, 10, CallStatus.Done), CancellationToken.None).ConfigureAwait(false);
        Require(applied, "UpsertAsync returned false for the first write of a call.");
        await ExpectAsync(probe, store, null, 1001, 10, CallStatus.Done, "after the first write").ConfigureAwait(false);
    }

    /// <summary>Writing the same snapshot twice changes nothing.</summary>
    /// <param name="probe">Creates and reads your store.</param>
    public static async Task DuplicateWritesAreHarmlessAsync(ICallStoreProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var store = await probe.CreateStoreAsync().ConfigureAwait(false);
        var write = Write(1002, 10, CallStatus.Answered);
        await store.UpsertAsync(write, CancellationToken.None).ConfigureAwait(false);
        await store.UpsertAsync(write, CancellationToken.None).ConfigureAwait(false);
        await store.UpsertManyAsync([write, write], CancellationToken.None).ConfigureAwait(false);
        await ExpectAsync(probe, store, null, 1002, 10, CallStatus.Answered, "after the same write four times").ConfigureAwait(false);
    }

    /// <summary>An older version never overwrites a newer one, and the store says it did not apply it.</summary>
    /// <param name="probe">Creates and reads your store.</param>
    public static async Task OlderVersionNeverOverwritesNewerAsync(ICallStoreProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var store = await probe.CreateStoreAsync().ConfigureAwait(false);
        await store.UpsertAsync(Write(1003, 20, CallStatus.Done), CancellationToken.None).ConfigureAwait(false);
        var applied = await store.UpsertAsync(Write(1003, 10, CallStatus.Done), CancellationToken.None).ConfigureAwait(false);
        Require(!applied, "UpsertAsync returned true for a write older than the stored version.");
        await ExpectAsync(probe, store, null, 1003, 20, CallStatus.Done, "after an older write").ConfigureAwait(false);
    }

    /// <summary>A newer version replaces an older one.</summary>
    /// <param name="probe">Creates and reads your store.</param>
    public static async Task NewerVersionReplacesOlderAsync(ICallStoreProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var store = await probe.CreateStoreAsync().ConfigureAwait(false);
        await store.UpsertAsync(Write(1004, 10, CallStatus.Answered), CancellationToken.None).ConfigureAwait(false);
        var applied = await store.UpsertAsync(Write(1004, 20, CallStatus.Done), CancellationToken.None).ConfigureAwait(false);
        Require(applied, "UpsertAsync returned false for a write newer than the stored version.");
        await ExpectAsync(probe, store, null, 1004, 20, CallStatus.Done, "after a newer write").ConfigureAwait(false);
    }

    /// <summary>A done call never goes back to answered or initial, at an equal or even a newer version.</summary>
    /// <param name="probe">Creates and reads your store.</param>
    public static async Task LifecycleNeverGoesBackAsync(ICallStoreProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var store = await probe.CreateStoreAsync().ConfigureAwait(false);
        await store.UpsertAsync(Write(1005, 10, CallStatus.Done), CancellationToken.None).ConfigureAwait(false);
        await store.UpsertAsync(Write(1005, 10, CallStatus.Answered), CancellationToken.None).ConfigureAwait(false);
        await store.UpsertAsync(Write(1005, 10, CallStatus.Initial), CancellationToken.None).ConfigureAwait(false);
        await ExpectAsync(probe, store, null, 1005, 10, CallStatus.Done, "after answered and initial at the same version").ConfigureAwait(false);
        await store.UpsertAsync(Write(1005, 11, CallStatus.Answered), CancellationToken.None).ConfigureAwait(false);
        await ExpectAsync(probe, store, null, 1005, 10, CallStatus.Done, "after answered at a newer version").ConfigureAwait(false);

        await store.UpsertAsync(Write(1006, 10, CallStatus.Answered), CancellationToken.None).ConfigureAwait(false);
        await store.UpsertAsync(Write(1006, 10, CallStatus.Done), CancellationToken.None).ConfigureAwait(false);
        await ExpectAsync(probe, store, null, 1006, 10, CallStatus.Done, "after done at the same version as answered").ConfigureAwait(false);
    }

    /// <summary>Every order of a call's lifecycle ends with the newest state.</summary>
    /// <param name="probe">Creates and reads your store.</param>
    public static async Task AllLifecycleOrdersEndWithTheNewestStateAsync(ICallStoreProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var store = await probe.CreateStoreAsync().ConfigureAwait(false);
        CallStatus[] lifecycle = [CallStatus.Initial, CallStatus.Initial, CallStatus.Answered, CallStatus.Answered, CallStatus.Done];
        var callId = 20_000L;
        foreach (var order in Permutations(lifecycle.Length))
        {
            callId++;
            foreach (var step in order)
            {
                await store.UpsertAsync(Write(callId, 10 + step, lifecycle[step]), CancellationToken.None).ConfigureAwait(false);
            }

            await ExpectAsync(probe, store, null, callId, 10 + lifecycle.Length - 1, CallStatus.Done, $"after the order {string.Join(",", order)}").ConfigureAwait(false);
        }
    }

    /// <summary>Concurrent writers to the same call leave the newest version.</summary>
    /// <param name="probe">Creates and reads your store.</param>
    public static async Task ConcurrentWritersLeaveTheNewestAsync(ICallStoreProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var store = await probe.CreateStoreAsync().ConfigureAwait(false);
        const int Versions = 64;
        var order = Enumerable.Range(1, Versions).ToArray();
        new Random(7).Shuffle(order);
        await Parallel.ForEachAsync(order, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (version, ct) =>
            await store.UpsertAsync(Write(1007, version, CallStatus.Done), ct).ConfigureAwait(false)).ConfigureAwait(false);
        await ExpectAsync(probe, store, null, 1007, Versions, CallStatus.Done, "after 64 concurrent writes").ConfigureAwait(false);
    }

    /// <summary>A page of distinct calls, with a duplicate inside, is stored whole.</summary>
    /// <param name="probe">Creates and reads your store.</param>
    public static async Task PagesAreStoredWholeAsync(ICallStoreProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var store = await probe.CreateStoreAsync().ConfigureAwait(false);
        var page = new List<CallWrite>();
        for (var i = 0; i < 50; i++)
        {
            page.Add(Write(30_000 + i, 10, CallStatus.Done));
        }

        page.Add(Write(30_000, 10, CallStatus.Done));
        await store.UpsertManyAsync(page, CancellationToken.None).ConfigureAwait(false);
        for (var i = 0; i < 50; i++)
        {
            await ExpectAsync(probe, store, null, 30_000 + i, 10, CallStatus.Done, "after a page of 50").ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Versions are kept at their full precision (<see cref="CallWrite.Version"/> holds whole microseconds): an event at
    /// x.1 s never overwrites one at x.9 s, versions one microsecond apart are ordered, and the version read back is the
    /// one written, to the microsecond.
    /// </summary>
    /// <param name="probe">Creates and reads your store.</param>
    public static async Task SubSecondVersionsAreOrderedAsync(ICallStoreProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var store = await probe.CreateStoreAsync().ConfigureAwait(false);
        const long CallId = 42_001;
        var second = Epoch.AddSeconds(10);
        await store.UpsertAsync(Write(null, CallId, second.AddMilliseconds(900), 9, CallStatus.Done), CancellationToken.None).ConfigureAwait(false);
        await ExpectAsync(probe, store, null, CallId, second.AddMilliseconds(900), 9, CallStatus.Done, "after a write at x.9 s (the version must be kept to the microsecond)").ConfigureAwait(false);

        var applied = await store.UpsertAsync(Write(null, CallId, second.AddMilliseconds(100), 1, CallStatus.Done), CancellationToken.None).ConfigureAwait(false);
        Require(!applied, $"Call {CallId}: UpsertAsync returned true for a write at x.1 s over one at x.9 s of the same second: keep versions to the microsecond, not in whole seconds.");
        await ExpectAsync(probe, store, null, CallId, second.AddMilliseconds(900), 9, CallStatus.Done, "after an older write of the same second (x.1 s after x.9 s)").ConfigureAwait(false);

        var oneMicrosecond = TimeSpan.FromMicroseconds(1);
        var later = second.AddMilliseconds(900) + oneMicrosecond;
        Require(await store.UpsertAsync(Write(null, CallId, later, 10, CallStatus.Done), CancellationToken.None).ConfigureAwait(false),
            $"Call {CallId}: UpsertAsync returned false for a write one microsecond newer than the stored version.");
        await ExpectAsync(probe, store, null, CallId, later, 10, CallStatus.Done, "after a write one microsecond newer").ConfigureAwait(false);
        Require(!await store.UpsertAsync(Write(null, CallId, later - oneMicrosecond, 11, CallStatus.Done), CancellationToken.None).ConfigureAwait(false),
            $"Call {CallId}: UpsertAsync returned true for a write one microsecond older than the stored version.");
        await ExpectAsync(probe, store, null, CallId, later, 10, CallStatus.Done, "after a write one microsecond older").ConfigureAwait(false);
    }

    /// <summary>
    /// A call's identity is (account, call id): a write for account A never changes account B's row with the same call id,
    /// whatever its version, and versions are compared within one account only. The calls of an application serving one
    /// account (<see cref="CallWrite.AccountId"/> <c>null</c>) are one more account.
    /// </summary>
    /// <param name="probe">Creates and reads your store.</param>
    public static async Task AccountsNeverOverwriteEachOtherAsync(ICallStoreProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        try
        {
            await CheckAccountsNeverOverwriteEachOtherAsync(probe).ConfigureAwait(false);
        }
        catch (CallStoreConformanceException exception) when (!exception.Message.Contains(AccountRule, StringComparison.Ordinal))
        {
            throw new CallStoreConformanceException(exception.Message + " " + AccountRule);
        }
    }

    private static async Task CheckAccountsNeverOverwriteEachOtherAsync(ICallStoreProbe probe)
    {
        var store = await probe.CreateStoreAsync().ConfigureAwait(false);
        const long CallId = 40_001;
        Require(await store.UpsertAsync(Write(AccountB, CallId, 10, CallStatus.Done), CancellationToken.None).ConfigureAwait(false),
            "UpsertAsync returned false for the first write of account B's call.");

        var applied = await store.UpsertAsync(Write(AccountA, CallId, 20, CallStatus.Done), CancellationToken.None).ConfigureAwait(false);
        Require(applied, $"UpsertAsync returned false for account A's first write of call {CallId}, which account B also has. {AccountRule}");
        await ExpectAsync(probe, store, AccountB, CallId, 10, CallStatus.Done, "after account A wrote the same call id at a newer version").ConfigureAwait(false);
        await ExpectAsync(probe, store, AccountA, CallId, 20, CallStatus.Done, "after account A's first write").ConfigureAwait(false);

        applied = await store.UpsertAsync(Write(AccountB, CallId, 15, CallStatus.Done), CancellationToken.None).ConfigureAwait(false);
        Require(applied, $"UpsertAsync refused account B's write of call {CallId} at version 15, newer than B's row (10): it was compared with account A's row (20).");
        await ExpectAsync(probe, store, AccountB, CallId, 15, CallStatus.Done, "after account B's newer write").ConfigureAwait(false);
        await ExpectAsync(probe, store, AccountA, CallId, 20, CallStatus.Done, "after account B wrote the same call id").ConfigureAwait(false);

        await store.UpsertAsync(Write(AccountA, CallId, 30, CallStatus.Initial), CancellationToken.None).ConfigureAwait(false);
        await ExpectAsync(probe, store, AccountA, CallId, 20, CallStatus.Done, "after account A's write that would move its call back in its lifecycle").ConfigureAwait(false);

        Require(await store.UpsertAsync(Write(null, CallId, 5, CallStatus.Answered), CancellationToken.None).ConfigureAwait(false),
            $"UpsertAsync returned false for the first write of call {CallId} without an account, which accounts A and B also have.");
        await ExpectAsync(probe, store, null, CallId, 5, CallStatus.Answered, "after a write without an account").ConfigureAwait(false);
        await ExpectAsync(probe, store, AccountA, CallId, 20, CallStatus.Done, "after a write of the same call id without an account").ConfigureAwait(false);
        await ExpectAsync(probe, store, AccountB, CallId, 15, CallStatus.Done, "after a write of the same call id without an account").ConfigureAwait(false);

        // One page with the same call id under two accounts holds two calls.
        const long PagedId = 40_002;
        var page = await store.UpsertManyAsync([Write(AccountA, PagedId, 31, CallStatus.Done), Write(AccountB, PagedId, 30, CallStatus.Done)], CancellationToken.None).ConfigureAwait(false);
        Require(page == 2, $"UpsertManyAsync applied {page} of a page holding call {PagedId} of account A and of account B; expected 2.");
        await ExpectAsync(probe, store, AccountA, PagedId, 31, CallStatus.Done, "after a page with the same call id under two accounts").ConfigureAwait(false);
        await ExpectAsync(probe, store, AccountB, PagedId, 30, CallStatus.Done, "after a page with the same call id under two accounts").ConfigureAwait(false);
    }

    /// <summary>Reads are scoped to an account: another account, or no account, does not see a call only account A wrote.</summary>
    /// <param name="probe">Creates and reads your store.</param>
    public static async Task ReadsAreScopedToTheAccountAsync(ICallStoreProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var store = await probe.CreateStoreAsync().ConfigureAwait(false);
        const long CallId = 41_001;
        await store.UpsertAsync(Write(AccountA, CallId, 10, CallStatus.Done), CancellationToken.None).ConfigureAwait(false);

        await ExpectAsync(probe, store, AccountA, CallId, 10, CallStatus.Done, "after account A's write").ConfigureAwait(false);
        Require(await probe.FindAsync(store, AccountB, CallId).ConfigureAwait(false) is null,
            $"Account B reads call {CallId}, which only account A wrote: reads must be scoped to the account.");
        Require(await probe.FindAsync(store, null, CallId).ConfigureAwait(false) is null,
            $"A read without an account finds call {CallId}, which only account A wrote: the calls written without an account are another account's.");
    }

    /// <summary>
    /// The store keeps the payload it was given byte for byte (<see cref="CallWrite.Payload"/>, the JSON Aircall sent,
    /// with fields the model lacks), replaces it with a newer write's, and returns it in <see cref="StoredCall.Payload"/>.
    /// </summary>
    /// <param name="probe">Creates and reads your store.</param>
    public static async Task RawPayloadIsKeptAsync(ICallStoreProbe probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var store = await probe.CreateStoreAsync().ConfigureAwait(false);
        var first = RawPayload(1201, "initial", "{\"x\": [1, 2.50, \"\\u00e9\"]}");
        var second = RawPayload(1201, "done", "{\"y\":true}");
        await store.UpsertAsync(WithPayload(first, 1), CancellationToken.None).ConfigureAwait(false);
        await RequirePayloadAsync(probe, store, first, "after the first write").ConfigureAwait(false);
        await store.UpsertAsync(WithPayload(second, 2), CancellationToken.None).ConfigureAwait(false);
        await RequirePayloadAsync(probe, store, second, "after a newer write").ConfigureAwait(false);
        await store.UpsertAsync(WithPayload(first, 1), CancellationToken.None).ConfigureAwait(false);
        await RequirePayloadAsync(probe, store, second, "after an older write was refused").ConfigureAwait(false);
    }

    /// <summary>Runs every check.</summary>
    /// <param name="probe">Creates and reads your store.</param>
    public static async Task RunAllAsync(ICallStoreProbe probe)
    {
        await FirstWriteIsStoredAsync(probe).ConfigureAwait(false);
        await DuplicateWritesAreHarmlessAsync(probe).ConfigureAwait(false);
        await OlderVersionNeverOverwritesNewerAsync(probe).ConfigureAwait(false);
        await NewerVersionReplacesOlderAsync(probe).ConfigureAwait(false);
        await LifecycleNeverGoesBackAsync(probe).ConfigureAwait(false);
        await AllLifecycleOrdersEndWithTheNewestStateAsync(probe).ConfigureAwait(false);
        await ConcurrentWritersLeaveTheNewestAsync(probe).ConfigureAwait(false);
        await PagesAreStoredWholeAsync(probe).ConfigureAwait(false);
        await AccountsNeverOverwriteEachOtherAsync(probe).ConfigureAwait(false);
        await ReadsAreScopedToTheAccountAsync(probe).ConfigureAwait(false);
        await SubSecondVersionsAreOrderedAsync(probe).ConfigureAwait(false);
        await RawPayloadIsKeptAsync(probe).ConfigureAwait(false);
    }

    /// <summary>A call's JSON as Aircall could send it: spacing, a number written 2.50, an escape and an unknown field.</summary>
    private static byte[] RawPayload(long callId, string status, string unknown)
        => System.Text.Encoding.UTF8.GetBytes($"{{ \"id\": {callId},  \"status\": \"{status}\", \"started_at\": 1700000000, \"duration\": 0, \"future_field\": {unknown} }}");

    private static CallWrite WithPayload(byte[] payload, int version)
        => new(AircallJson.ParseCall(payload), Epoch.AddSeconds(version), CallWriteSource.Webhook, "call.conformance") { Payload = payload };

    private static async Task RequirePayloadAsync(ICallStoreProbe probe, ICallStore store, byte[] expected, string when)
    {
        var stored = await probe.FindAsync(store, null, 1201).ConfigureAwait(false)
                     ?? throw new CallStoreConformanceException($"Call 1201 is not stored {when}.");
        Require(stored.Payload.Span.SequenceEqual(expected),
            $"Call 1201's StoredCall.Payload {when} is not the CallWrite.Payload it was written with, byte for byte (got {stored.Payload.Length} bytes, expected {expected.Length}): keep write.Payload as it is (do not re-serialize write.Call), and return it in StoredCall.Payload.");
    }

    private static CallWrite Write(long callId, int version, CallStatus status) => Write(null, callId, version, status);

    private static CallWrite Write(string? accountId, long callId, int version, CallStatus status)
        => Write(accountId, callId, Epoch.AddSeconds(version), version, status);

    /// <summary>A write whose snapshot's duration tells which write a store holds.</summary>
    private static CallWrite Write(string? accountId, long callId, DateTimeOffset version, int snapshot, CallStatus status)
        => new(
            new Call { Id = callId, Status = status, Duration = snapshot, StartedAt = Epoch },
            version,
            CallWriteSource.Webhook,
            "call.conformance")
        {
            AccountId = accountId,
        };

    private static Task ExpectAsync(ICallStoreProbe probe, ICallStore store, string? accountId, long callId, int version, CallStatus status, string when)
        => ExpectAsync(probe, store, accountId, callId, Epoch.AddSeconds(version), version, status, when);

    private static async Task ExpectAsync(ICallStoreProbe probe, ICallStore store, string? accountId, long callId, DateTimeOffset expectedVersion, int snapshot, CallStatus status, string when)
    {
        var call = accountId is null ? $"Call {callId}" : $"Call {callId} of account {accountId}";
        var stored = await probe.FindAsync(store, accountId, callId).ConfigureAwait(false)
                     ?? throw new CallStoreConformanceException($"{call} is not stored {when}.");
        Require(stored.Version == expectedVersion, $"{call} is stored at version {stored.Version:O} {when}; expected {expectedVersion:O} (the newest write).");
        Require(stored.Call.Status == status, $"{call} has status '{stored.Call.Status}' {when}; expected '{status}'.");
        Require(stored.Call.Duration == snapshot, $"{call} holds the snapshot number {stored.Call.Duration} {when}; expected snapshot {snapshot} (the row must be replaced whole).");
        Require(string.Equals(stored.AccountId, accountId, StringComparison.Ordinal),
            $"{call} is read back with StoredCall.AccountId '{stored.AccountId}' {when}: it must say which account the row belongs to ({(accountId is null ? "null" : "'" + accountId + "'")}).");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition)
        {
            throw new CallStoreConformanceException(message);
        }
    }

    private static IEnumerable<int[]> Permutations(int count)
    {
        var items = Enumerable.Range(0, count).ToArray();
        return Permute(items, 0);

        static IEnumerable<int[]> Permute(int[] items, int start)
        {
            if (start == items.Length - 1)
            {
                yield return (int[])items.Clone();
                yield break;
            }

            for (var i = start; i < items.Length; i++)
            {
                (items[start], items[i]) = (items[i], items[start]);
                foreach (var permutation in Permute(items, start + 1))
                {
                    yield return permutation;
                }

                (items[start], items[i]) = (items[i], items[start]);
            }
        }
    }
}
