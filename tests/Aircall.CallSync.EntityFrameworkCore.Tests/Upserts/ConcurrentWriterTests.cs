using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;
using Microsoft.EntityFrameworkCore;
using static Aircall.CallSync.EntityFrameworkCore.Tests.Upserts.Writes;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Upserts;

/// <summary>
/// Two writers on one database, each with its own stores and pool of connections (as two processes have), write the
/// shuffled, duplicated lifecycles of the same calls at once, one by one and in pages: every call ends in its newest
/// state, the state <see cref="InMemoryCallStore"/> ends with given the same writes.
/// </summary>
public abstract class ConcurrentWriterTests(TestProvider provider) : DatabaseTests(provider)
{
    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public async Task Two_writers_leave_every_call_in_its_newest_state(int seed)
    {
        const int Calls = 300;
        var random = new Random(seed);
        var writes = new List<CallWrite>();
        for (var i = 0; i < Calls; i++)
        {
            var account = i % 2 == 0 ? "acme" : null;
            var callId = 9_000 + (i / 2); // pairs of calls share an id under two accounts
            var started = Epoch.AddSeconds(i);
            CallWrite Step(CallStatus status, int step) => Write(account, callId, started.AddMilliseconds(step * 250).AddTicks(step * 10), status, (i * 10) + step);
            // The lifecycle (created, answered, ended, archived), each event delivered twice.
            writes.AddRange([Step(CallStatus.Initial, 1), Step(CallStatus.Initial, 1), Step(CallStatus.Answered, 2), Step(CallStatus.Answered, 2),
                Step(CallStatus.Done, 3), Step(CallStatus.Done, 3), Step(CallStatus.Done, 4), Step(CallStatus.Done, 4)]);
        }

        random.Shuffle(CollectionsMarshalSpan(writes));
        var first = Database.CallStore();
        var second = new EntityFrameworkCoreCallStore<CallsContext>(Database.SecondProcess());
        var halves = new[] { writes.Where((_, i) => i % 2 == 0).ToList(), writes.Where((_, i) => i % 2 == 1).ToList() };

        await Task.WhenAll(
            Task.Run(() => WriteAsync(first, halves[0], new Random(seed * 31)), Ct),
            Task.Run(() => WriteAsync(second, halves[1], new Random(seed * 37)), Ct));

        var reference = new InMemoryCallStore();
        foreach (var write in writes)
        {
            await reference.UpsertAsync(write, Ct);
        }

        await using var context = Database.CreateDbContext();
        var rows = (await context.Set<AircallCall>().AsNoTracking().ToListAsync(Ct)).Select(r => Row(r.ToStoredCall())).ToList();
        var expected = reference.Calls.Select(Row).ToDictionary(r => (r.Account, r.Id));
        rows.Should().HaveCount(expected.Count);
        rows.Where(r => expected[(r.Account, r.Id)] != r).Select(r => $"{r} instead of {expected[(r.Account, r.Id)]}").Should()
            .BeEmpty("every row is what writing the same writes one by one leaves");
        rows.Should().OnlyContain(r => r.Status == "done" && r.Snapshot % 10 == 4, "the newest state of every call is its archived event");
    }

    /// <summary>Sends the writes one by one and in pages of 1 to 50, several at a time.</summary>
    private static async Task WriteAsync(ICallStore store, List<CallWrite> writes, Random random)
    {
        var batches = new List<List<CallWrite>>();
        for (var i = 0; i < writes.Count;)
        {
            var size = random.Next(3) == 0 ? 1 : random.Next(1, 51);
            batches.Add(writes.Skip(i).Take(size).ToList());
            i += size;
        }

        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = Ct }, async (batch, ct) =>
        {
            if (batch.Count == 1)
            {
                await store.UpsertAsync(batch[0], ct);
            }
            else
            {
                await store.UpsertManyAsync(batch, ct);
            }
        });
    }

    private static Span<CallWrite> CollectionsMarshalSpan(List<CallWrite> list) => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list);
}

public sealed class PostgresConcurrentWriterTests() : ConcurrentWriterTests(TestProvider.PostgreSql);

public sealed class SqliteConcurrentWriterTests() : ConcurrentWriterTests(TestProvider.Sqlite);
