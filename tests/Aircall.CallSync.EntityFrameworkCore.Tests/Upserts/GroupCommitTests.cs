using System.Data.Common;
using System.Text;
using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using static Aircall.CallSync.EntityFrameworkCore.Tests.Upserts.Writes;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Upserts;

/// <summary>
/// Single writes that arrive together go to the database together: far fewer round trips than writes, each write told
/// whether it was applied exactly as writing them one by one would tell it, and one write the database refuses fails alone.
/// </summary>
public abstract class GroupCommitTests(TestProvider provider) : DatabaseTests(provider)
{
    [Fact]
    public async Task Writes_arriving_together_share_round_trips_and_each_gets_its_own_answer()
    {
        var opened = new CountingOpens();
        var store = new EntityFrameworkCoreCallStore<CallsContext>(new Intercepted(Database, opened));
        var random = new Random(5);
        var writes = Enumerable.Range(0, 300).Select(i => Write(
                random.Next(2) == 0 ? null : "acme", 1 + random.Next(12), Epoch.AddTicks(random.Next(8) * TimeSpan.TicksPerMicrosecond),
                Statuses[random.Next(Statuses.Length)], i))
            .ToList();

        // Started in order without waiting, as concurrent deliveries arrive: they queue in this order.
        var answers = await Task.WhenAll(writes.Select(w => store.UpsertAsync(w, Ct).AsTask()).ToList());

        var reference = new InMemoryCallStore();
        var expected = new List<bool>();
        foreach (var write in writes)
        {
            expected.Add(await reference.UpsertAsync(write, Ct));
        }

        answers.Should().Equal(expected);
        opened.Count.Should().BeLessThan(30, "300 writes started together take a few round trips, not 300");
        await using var context = Database.CreateDbContext();
        (await context.Set<AircallCall>().AsNoTracking().ToListAsync(Ct)).Select(r => Row(r.ToStoredCall()))
            .Should().BeEquivalentTo(reference.Calls.Select(Row));
    }

    [Fact]
    public async Task A_write_the_database_refuses_fails_alone()
    {
        var store = Database.CallStore();
        var good = Enumerable.Range(1, 20).Select(i => Write(null, i, Epoch, CallStatus.Done, i)).ToList();
        // A JSON reader stops at the object's end; the database checks the whole text (SQLite's TEXT takes it as it is).
        var bad = new CallWrite(new Call { Id = 99, Status = CallStatus.Done }, Epoch, CallWriteSource.Webhook)
        {
            Payload = Encoding.UTF8.GetBytes("{\"id\":99} and then something that is not JSON"),
        };

        var tasks = good.Take(10).Append(bad).Concat(good.Skip(10)).Select(w => store.UpsertAsync(w, Ct).AsTask()).ToList();
        var outcome = await Task.WhenAll(tasks.Select(async t =>
        {
            try
            {
                return await t ? "applied" : "stale";
            }
            catch (CallStoreException)
            {
                return "refused";
            }
        }));

        outcome.Count(o => o == "applied").Should().Be(Provider == TestProvider.PostgreSql ? 20 : 21);
        outcome[10].Should().Be(Provider == TestProvider.PostgreSql ? "refused" : "applied");
    }

    [Fact]
    public async Task A_NUL_character_in_a_field_costs_that_character_not_the_call()
    {
        var payload = Encoding.UTF8.GetBytes("""{"id":5,"status":"done","raw_digits":"+33\u0000 1 23","contact":{"id":1,"first_name":"A\u0000da"}}""");
        var write = new CallWrite(AircallJson.ParseCall(payload), Epoch, CallWriteSource.Webhook) { Payload = payload };

        (await Database.CallStore().UpsertAsync(write, Ct)).Should().BeTrue();

        await using var context = Database.CreateDbContext();
        var row = await context.Set<AircallCall>().AsNoTracking().SingleAsync(Ct);
        row.RawDigits.Should().Be("+33 1 23");
        row.ContactName.Should().Be("Ada");
        row.Payload.Should().Be(Encoding.UTF8.GetString(payload), "the payload keeps the escape as sent");
    }

    private sealed class CountingOpens : DbConnectionInterceptor
    {
        private int _count;

        public int Count => _count;

        public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }
    }

    /// <summary>The test database's contexts, with an interceptor added.</summary>
    private sealed class Intercepted(TestDatabase database, IInterceptor interceptor) : IDbContextFactory<CallsContext>
    {
        private readonly DbContextOptions<CallsContext> _options = new DbContextOptionsBuilder<CallsContext>(database.OptionsFor<CallsContext>())
            .AddInterceptors(interceptor).Options;

        public CallsContext CreateDbContext() => new(_options, database.Schema);
    }
}

public sealed class PostgresGroupCommitTests() : GroupCommitTests(TestProvider.PostgreSql);

public sealed class SqliteGroupCommitTests() : GroupCommitTests(TestProvider.Sqlite);
