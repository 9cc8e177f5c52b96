using Aircall.CallSync.Models;
using Aircall.CallSync.Samples.Storage;
using Aircall.CallSync.Storage;
using Microsoft.Data.Sqlite;

namespace Aircall.CallSync.IntegrationTests.Conformance;

/// <summary>
/// The samples' SQLite store keeps versions at the precision of <see cref="CallWrite.Version"/> (microseconds), so two
/// snapshots of the same second are ordered as <see cref="CallWrite.Supersedes"/> orders them.
/// </summary>
public sealed class SqliteCallStoreVersionTests : IDisposable
{
    private static readonly DateTimeOffset Second = DateTimeOffset.FromUnixTimeSeconds(1_700_000_010);
    private readonly string _directory = Directory.CreateTempSubdirectory("aircall-sqlite-version-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task An_event_at_x_point_1_s_never_overwrites_one_at_x_point_9_s()
    {
        using var store = new SqliteCallStore($"Data Source={Path.Combine(_directory, "calls.db")}");
        (await store.UpsertAsync(Write(Second.AddMilliseconds(900), duration: 9), Ct)).Should().BeTrue();

        var applied = await store.UpsertAsync(Write(Second.AddMilliseconds(100), duration: 1), Ct);

        applied.Should().BeFalse("the write is 0.8 s older than the stored one");
        var stored = (await store.FindAsync(42, Ct))!;
        stored.Call.Duration.Should().Be(9);
        stored.Version.Should().Be(Second.AddMilliseconds(900));
    }

    [Fact]
    public async Task Versions_one_microsecond_apart_are_ordered_and_read_back_exactly()
    {
        using var store = new SqliteCallStore($"Data Source={Path.Combine(_directory, "calls.db")}");
        var version = Second.AddTicks(123_456_7); // 0.1234567 s: CallWrite keeps 0.123456 s
        await store.UpsertAsync(Write(version.AddTicks(10), duration: 2), Ct);

        (await store.UpsertAsync(Write(version, duration: 1), Ct)).Should().BeFalse("one microsecond older");
        (await store.FindAsync(42, Ct))!.Version.Should().Be(Second.AddTicks(123_457_0));
        (await store.UpsertAsync(Write(version.AddTicks(20), duration: 3), Ct)).Should().BeTrue("one microsecond newer");
        (await store.FindAsync(42, Ct))!.Version.Should().Be(Second.AddTicks(123_458_0));
    }

    [Fact]
    public async Task A_database_with_versions_in_seconds_is_migrated_to_microseconds()
    {
        var path = Path.Combine(_directory, "old.db");
        SqliteCallStoreTenancyTests.CreatePreviousSchema(path, callId: 42, versionSeconds: Second.ToUnixTimeSeconds(), duration: 20);

        using var store = new SqliteCallStore($"Data Source={path}");
        (await store.UpsertAsync(Write(Second.AddMilliseconds(-1), duration: 1), Ct)).Should().BeFalse("the migrated version is the same instant");
        (await store.FindAsync(42, Ct))!.Version.Should().Be(Second);

        (await store.UpsertAsync(Write(Second.AddMilliseconds(1), duration: 2), Ct)).Should().BeTrue();
        (await store.FindAsync(42, Ct))!.Version.Should().Be(Second.AddMilliseconds(1));
    }

    private static CallWrite Write(DateTimeOffset version, int duration)
        => new(new Call { Id = 42, Status = CallStatus.Done, Duration = duration, StartedAt = Second.AddMinutes(-1) }, version, CallWriteSource.Webhook, "call.ended");
}
