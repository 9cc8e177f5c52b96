using Aircall.CallSync.Models;
using Aircall.CallSync.Samples.Storage;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Testing.Xunit;
using Microsoft.Data.Sqlite;

namespace Aircall.CallSync.IntegrationTests.Conformance;

/// <summary>The samples' SQLite store, on real database files, passes the conformance kit.</summary>
public sealed class SqliteCallStoreConformanceTests : CallStoreConformanceTests, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("aircall-sqlite-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Columns_hold_the_derived_values_of_the_call()
    {
        var store = (SqliteCallStore)await CreateStoreAsync();
        var started = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
        var call = new Call
        {
            Id = 77,
            Status = CallStatus.Done,
            Direction = CallDirection.Inbound,
            StartedAt = started,
            AnsweredAt = started.AddSeconds(5),
            EndedAt = started.AddSeconds(65),
            Duration = 65,
            RawDigits = "+44 330 818 6690",
            Tags = [new Tag { Id = 9, Name = "vip" }],
            User = new User { Id = 3 },
            Archived = true,
        };

        await store.UpsertAsync(new CallWrite(call, started.AddSeconds(100), CallWriteSource.Batch), CancellationToken.None);

        await using var connection = await store.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT direction, status, started_at, answered_at, ended_at, is_missed, in_call_duration, raw_digits, user_id, archived, tags, version FROM calls WHERE id = 77";
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        (await reader.ReadAsync(TestContext.Current.CancellationToken)).Should().BeTrue();
        reader.GetString(0).Should().Be("inbound");
        reader.GetString(1).Should().Be("done");
        reader.GetInt64(2).Should().Be(1_700_000_000);
        reader.GetInt64(3).Should().Be(1_700_000_005);
        reader.GetInt64(4).Should().Be(1_700_000_065);
        reader.GetInt64(5).Should().Be(0);
        reader.GetInt64(6).Should().Be(60);
        reader.GetString(7).Should().Be("+44 330 818 6690");
        reader.GetInt64(8).Should().Be(3);
        reader.GetInt64(9).Should().Be(1);
        reader.GetString(10).Should().Contain("\"vip\"");
        reader.GetInt64(11).Should().Be(1_700_000_100_000_000, "versions are UNIX microseconds");
    }

    protected override Task<ICallStore> CreateStoreAsync()
        => Task.FromResult<ICallStore>(new SqliteCallStore($"Data Source={Path.Combine(_directory, Guid.NewGuid().ToString("N") + ".db")}"));

    protected override Task<StoredCall?> FindAsync(ICallStore store, string? accountId, long callId) => ((SqliteCallStore)store).FindAsync(accountId, callId);
}
