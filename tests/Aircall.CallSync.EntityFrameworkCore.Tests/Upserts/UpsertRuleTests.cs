using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;
using Microsoft.EntityFrameworkCore;
using static Aircall.CallSync.EntityFrameworkCore.Tests.Upserts.Writes;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Upserts;

/// <summary>
/// The upsert's SQL against <see cref="CallWrite.Supersedes"/>, its C# rule: every pair of stored and written status
/// (none, the lifecycle, unknown, wrong case) at every version distance that matters, under an account and without;
/// and pages with a call repeated in any order against writing them one by one into <see cref="InMemoryCallStore"/>.
/// </summary>
public abstract class UpsertRuleTests(TestProvider provider) : DatabaseTests(provider)
{
    private static readonly TimeSpan[] Distances =
        [TimeSpan.FromSeconds(-1), TimeSpan.FromMicroseconds(-1), TimeSpan.Zero, TimeSpan.FromMicroseconds(1), TimeSpan.FromSeconds(1)];

    [Fact]
    public async Task Every_stored_and_written_status_at_every_version_distance_is_decided_as_Supersedes_decides()
    {
        var store = Database.CallStore();
        var cases = new List<(CallWrite Stored, CallWrite Write, bool Expected)>();
        var id = 100_000L;
        foreach (var account in new[] { null, "acme" })
        {
            foreach (var storedStatus in Statuses)
            {
                foreach (var writtenStatus in Statuses)
                {
                    foreach (var distance in Distances)
                    {
                        var storedVersion = Epoch.AddSeconds(10).AddMilliseconds(500);
                        var stored = Write(account, ++id, storedVersion, storedStatus, 1);
                        var write = Write(account, id, storedVersion + distance, writtenStatus, 2);
                        cases.Add((stored, write, write.Supersedes(stored.Version, stored.Call.Status)));
                    }
                }
            }
        }

        (await store.UpsertManyAsync(cases.Select(c => c.Stored).ToList(), Ct)).Should().Be(cases.Count, "every first write of a call is applied");

        // Half the writes one by one (each answer checked), half as one page (the count checked).
        var singles = cases.Where((_, i) => i % 2 == 0).ToList();
        var paged = cases.Where((_, i) => i % 2 == 1).ToList();
        foreach (var (stored, write, expected) in singles)
        {
            var applied = await store.UpsertAsync(write, Ct);
            applied.Should().Be(expected, $"stored {Describe(stored)}, written {Describe(write)}");
        }

        (await store.UpsertManyAsync(paged.Select(c => c.Write).ToList(), Ct)).Should().Be(paged.Count(c => c.Expected));

        var rows = await ReadAllAsync();
        foreach (var (stored, write, expected) in cases)
        {
            rows[(stored.AccountId, stored.CallId)].Should().Be(Row(expected ? write : stored), $"stored {Describe(stored)}, written {Describe(write)}");
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task Pages_with_calls_repeated_in_any_order_end_as_writing_them_one_by_one(int seed)
    {
        var store = Database.CallStore();
        var reference = new InMemoryCallStore();
        var random = new Random(seed);
        var snapshot = 0;
        for (var page = 0; page < 12; page++)
        {
            // Eight calls (two accounts, same ids), 40 writes: every call several times, at versions that tie and cross.
            var writes = Enumerable.Range(0, 40).Select(_ => Write(
                    random.Next(2) == 0 ? null : "acme",
                    1 + random.Next(4),
                    Epoch.AddTicks(random.Next(6) * TimeSpan.TicksPerMicrosecond),
                    Statuses[random.Next(Statuses.Length)],
                    ++snapshot))
                .ToList();
            var expected = 0;
            foreach (var write in writes)
            {
                expected += await reference.UpsertAsync(write, Ct) ? 1 : 0;
            }

            (await store.UpsertManyAsync(writes, Ct)).Should().Be(expected, $"page {page} of seed {seed}");
            var rows = await ReadAllAsync();
            rows.Values.Should().BeEquivalentTo(reference.Calls.Select(Row), $"page {page} of seed {seed}");
        }
    }

    [Fact]
    public async Task A_list_longer_than_one_statement_is_written_whole()
    {
        var store = Database.CallStore();
        var writes = Enumerable.Range(0, 1_234).Select(i => Write("big", 500_000 + i, Epoch, CallStatus.Done, i)).ToList();
        writes.Add(Write("big", 500_000, Epoch.AddSeconds(1), CallStatus.Done, -1));

        (await store.UpsertManyAsync(writes, Ct)).Should().Be(1_235);

        var rows = await ReadAllAsync();
        rows.Should().HaveCount(1_234);
        rows[("big", 500_000)].Snapshot.Should().Be(-1, "the repeated call's later write is applied after its first");
        rows[("big", 501_233)].Snapshot.Should().Be(1_233);
    }

    private async Task<Dictionary<(string?, long), (string? Account, long Id, string? Status, DateTimeOffset Version, long? Snapshot)>> ReadAllAsync()
    {
        await using var context = Database.CreateDbContext();
        var rows = await context.Set<AircallCall>().AsNoTracking().ToListAsync(Ct);
        return rows.Select(r => r.ToStoredCall()).ToDictionary(s => (s.AccountId, s.Call.Id), Row);
    }

    private static string Describe(CallWrite write) => $"'{write.Call.Status?.Value ?? "(none)"}' at {write.Version:HH:mm:ss.ffffff}";
}

public sealed class PostgresUpsertRuleTests() : UpsertRuleTests(TestProvider.PostgreSql);

public sealed class SqliteUpsertRuleTests() : UpsertRuleTests(TestProvider.Sqlite);
