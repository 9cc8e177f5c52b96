using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Checkpoints;

/// <summary>The checkpoint store keeps exactly the string it was given, per key, replaced by each save, safe under racing saves.</summary>
public abstract class CheckpointStoreTests(TestProvider provider) : DatabaseTests(provider)
{
    [Fact]
    public async Task A_checkpoint_is_read_back_exactly_replaced_by_the_next_save_and_stamped_with_the_clock()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_750_000_000));
        var store = Database.CheckpointStore(clock);
        var first = "v2;" + new string('x', 400) + ";  trailing spaces kept  ";

        (await store.GetAsync("aircall:calls:acme", Ct)).Should().BeNull();
        await store.SetAsync("aircall:calls:acme", first, Ct);
        await store.SetAsync("aircall:calls:other", "other", Ct);
        (await store.GetAsync("aircall:calls:acme", Ct)).Should().Be(first);

        clock.Advance(TimeSpan.FromMinutes(3));
        await store.SetAsync("aircall:calls:acme", "second", Ct);
        (await store.GetAsync("aircall:calls:acme", Ct)).Should().Be("second");
        (await store.GetAsync("aircall:calls:other", Ct)).Should().Be("other");

        await using var context = Database.CreateDbContext();
        var row = await context.Set<AircallSyncCheckpoint>().AsNoTracking().SingleAsync(c => c.Name == "aircall:calls:acme", Ct);
        row.SavedAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_750_000_180));
    }

    [Fact]
    public async Task Racing_saves_of_one_key_all_succeed_and_one_of_them_is_kept()
    {
        var store = Database.CheckpointStore();
        var second = new EntityFrameworkCoreCheckpointStore<CallsContext>(Database.SecondProcess());
        var values = Enumerable.Range(0, 24).Select(i => "checkpoint-" + i).ToArray();

        await Parallel.ForEachAsync(values, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct },
            async (value, ct) => await (value.Length % 2 == 0 ? store : second).SetAsync("race", value, ct));

        values.Should().Contain(await store.GetAsync("race", Ct));
    }
}

public sealed class PostgresCheckpointStoreTests() : CheckpointStoreTests(TestProvider.PostgreSql);

public sealed class SqliteCheckpointStoreTests() : CheckpointStoreTests(TestProvider.Sqlite);
