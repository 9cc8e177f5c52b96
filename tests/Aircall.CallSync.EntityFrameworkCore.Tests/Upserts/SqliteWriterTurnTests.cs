using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Aircall.CallSync.Models;
using Microsoft.EntityFrameworkCore;
using static Aircall.CallSync.EntityFrameworkCore.Tests.Upserts.Writes;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Upserts;

/// <summary>
/// On SQLite the writes of one process take turns before they reach the database (SQLite takes one writer at a time, and
/// Microsoft.Data.Sqlite retries a busy one in a sleeping loop): a write waits only for the one before it in this
/// process, and databases do not wait for each other.
/// </summary>
public sealed class SqliteWriterTurnTests() : DatabaseTests(TestProvider.Sqlite)
{
    [Fact]
    public async Task A_write_waits_for_the_previous_write_to_the_same_file_only()
    {
        var file = Database.File!;
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, file);

        var first = await SqliteWriteGate.EnterAsync(file, Ct);
        var second = SqliteWriteGate.EnterAsync(relative, Ct).AsTask();
        var otherFile = SqliteWriteGate.EnterAsync(file + ".other", Ct).AsTask();

        (await otherFile.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Dispose();
        await Task.Yield();
        second.IsCompleted.Should().BeFalse("the same file, however it is named, has one writer at a time");
        first.Dispose();
        (await second.WaitAsync(TimeSpan.FromSeconds(10), Ct)).Dispose();
    }

    [Fact]
    public async Task Concurrent_writes_and_checkpoints_of_one_process_are_all_stored()
    {
        var calls = Database.CallStore();
        var checkpoints = Database.CheckpointStore();

        await Parallel.ForEachAsync(Enumerable.Range(0, 400), new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = Ct }, async (i, ct) =>
        {
            if (i % 10 == 0)
            {
                await checkpoints.SetAsync("key", "checkpoint-" + i, ct);
            }
            else if (i % 10 == 1)
            {
                await calls.UpsertManyAsync([Write(null, 70_000 + i, Epoch, CallStatus.Done, i), Write(null, 80_000 + i, Epoch, CallStatus.Done, i)], ct);
            }
            else
            {
                await calls.UpsertAsync(Write(null, i, Epoch, CallStatus.Done, i), ct);
            }
        });

        await using var context = Database.CreateDbContext();
        (await context.Set<AircallCall>().CountAsync(Ct)).Should().Be(320 + 80, "320 single writes and 40 pages of two");
    }
}
