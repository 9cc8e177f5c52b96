using Aircall.CallSync.OAuth;
using static Aircall.CallSync.Testing.AccountStoreConformance;

namespace Aircall.CallSync.Testing;

/// <summary>
/// The <c>IOAuthStateStore</c> contract as executable checks, independent of any test framework: each method takes a
/// function that creates an empty store and throws <see cref="AccountStoreConformanceException"/> when the store breaks a
/// rule. Times are passed in (no clock is read); the <c>Aircall.CallSync.Testing.Xunit</c> package runs them as xunit v3
/// facts (<c>OAuthStateStoreConformanceTests</c>).
/// </summary>
public static class OAuthStateStoreConformance
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_767_225_600_000);

    /// <summary>A state is accepted once: consumed, it is refused after; an unknown state is refused.</summary>
    /// <param name="createStore">Creates an empty store.</param>
    public static async Task StateIsConsumedOnceAsync(Func<Task<IOAuthStateStore>> createStore)
    {
        var store = await CreateAsync(createStore).ConfigureAwait(false);
        var state = Digest("conformance state 1");
        await store.AddAsync(state, Now.AddMinutes(10), CancellationToken.None).ConfigureAwait(false);
        Require(!await store.TryConsumeAsync(Digest("conformance state never issued"), Now, CancellationToken.None).ConfigureAwait(false),
            "TryConsumeAsync returned true for a state that was never added.");
        Require(await store.TryConsumeAsync(state, Now, CancellationToken.None).ConfigureAwait(false),
            "TryConsumeAsync returned false for a state added with an expiry 10 minutes later.");
        Require(!await store.TryConsumeAsync(state, Now.AddSeconds(1), CancellationToken.None).ConfigureAwait(false),
            "TryConsumeAsync returned true for a state already consumed: a replayed callback must be refused.");
    }

    /// <summary>
    /// A state is refused at and after its expiry, and accepted a millisecond before; many expired states around a valid
    /// one (which a store may clean up while at it) do not disturb it.
    /// </summary>
    /// <param name="createStore">Creates an empty store.</param>
    public static async Task ExpiredStateIsRefusedAsync(Func<Task<IOAuthStateStore>> createStore)
    {
        var store = await CreateAsync(createStore).ConfigureAwait(false);
        var expiry = Now.AddMinutes(10);
        var atExpiry = Digest("conformance state at expiry");
        var afterExpiry = Digest("conformance state after expiry");
        var justBefore = Digest("conformance state just before expiry");
        await store.AddAsync(atExpiry, expiry, CancellationToken.None).ConfigureAwait(false);
        await store.AddAsync(afterExpiry, expiry, CancellationToken.None).ConfigureAwait(false);
        await store.AddAsync(justBefore, expiry, CancellationToken.None).ConfigureAwait(false);
        for (var i = 0; i < 50; i++)
        {
            await store.AddAsync(Digest($"conformance expired state {i}"), Now.AddMinutes(-i - 1), CancellationToken.None).ConfigureAwait(false);
        }

        // The time passed only moves forward, as a clock does: a store may delete the states expired at that time.
        Require(!await store.TryConsumeAsync(Digest("conformance expired state 3"), Now, CancellationToken.None).ConfigureAwait(false),
            "TryConsumeAsync returned true for a state that had expired 4 minutes earlier.");
        Require(await store.TryConsumeAsync(justBefore, expiry.AddMilliseconds(-1), CancellationToken.None).ConfigureAwait(false),
            "TryConsumeAsync returned false a millisecond before the state's expiry (after 50 expired states were added).");
        Require(!await store.TryConsumeAsync(atExpiry, expiry, CancellationToken.None).ConfigureAwait(false),
            "TryConsumeAsync returned true at the state's expiry time: a state is accepted only before it.");
        Require(!await store.TryConsumeAsync(afterExpiry, expiry.AddHours(1), CancellationToken.None).ConfigureAwait(false),
            "TryConsumeAsync returned true an hour after the state expired.");
    }

    /// <summary>Of many concurrent consumers of one state, exactly one succeeds, for each of several states.</summary>
    /// <param name="createStore">Creates an empty store.</param>
    public static async Task ConcurrentConsumersWinOnceAsync(Func<Task<IOAuthStateStore>> createStore)
    {
        var store = await CreateAsync(createStore).ConfigureAwait(false);
        const int States = 20;
        const int Consumers = 8;
        var states = Enumerable.Range(0, States).Select(i => Digest($"conformance concurrent state {i}")).ToArray();
        foreach (var state in states)
        {
            await store.AddAsync(state, Now.AddMinutes(10), CancellationToken.None).ConfigureAwait(false);
        }

        var wins = new int[States];
        var attempts = Enumerable.Range(0, States * Consumers).Select(i => i % States).ToArray();
        new Random(15).Shuffle(attempts);
        await Parallel.ForEachAsync(attempts, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (state, ct) =>
        {
            if (await store.TryConsumeAsync(states[state], Now, ct).ConfigureAwait(false))
            {
                Interlocked.Increment(ref wins[state]);
            }
        }).ConfigureAwait(false);

        for (var i = 0; i < States; i++)
        {
            Require(wins[i] == 1, $"State {i}: {wins[i]} of {Consumers} concurrent TryConsumeAsync calls returned true; exactly one must (delete the state atomically, e.g. DELETE ... WHERE digest = @d AND expires_at > @now, and test the rows affected).");
        }
    }

    /// <summary>Runs every check.</summary>
    /// <param name="createStore">Creates an empty store.</param>
    public static async Task RunAllAsync(Func<Task<IOAuthStateStore>> createStore)
    {
        await StateIsConsumedOnceAsync(createStore).ConfigureAwait(false);
        await ExpiredStateIsRefusedAsync(createStore).ConfigureAwait(false);
        await ConcurrentConsumersWinOnceAsync(createStore).ConfigureAwait(false);
    }

    private static async Task<IOAuthStateStore> CreateAsync(Func<Task<IOAuthStateStore>> createStore)
    {
        ArgumentNullException.ThrowIfNull(createStore);
        return await createStore().ConfigureAwait(false) ?? throw new ArgumentException("createStore returned null.", nameof(createStore));
    }
}
