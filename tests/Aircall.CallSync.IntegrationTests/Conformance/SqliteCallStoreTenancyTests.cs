using Aircall.CallSync.Models;
using Aircall.CallSync.Samples.Storage;
using Aircall.CallSync.Storage;
using Microsoft.Data.Sqlite;

namespace Aircall.CallSync.IntegrationTests.Conformance;

/// <summary>
/// The samples' SQLite store shared by several accounts: a call's identity is (account, call id), also in a database
/// created by the previous schema (rows keyed by call id alone), which the store migrates when it opens it.
/// </summary>
public sealed class SqliteCallStoreTenancyTests : IDisposable
{
    private static readonly DateTimeOffset Epoch = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);
    private readonly string _directory = Directory.CreateTempSubdirectory("aircall-sqlite-tenancy-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task A_write_for_account_A_never_changes_account_Bs_row_with_the_same_call_id()
    {
        using var store = new SqliteCallStore($"Data Source={Path.Combine(_directory, "calls.db")}");
        (await store.UpsertAsync(Write("account-b", 42, 10, duration: 20), Ct)).Should().BeTrue();

        (await store.UpsertAsync(Write("account-a", 42, 99, duration: 1), Ct)).Should().BeTrue("A may store call 42 under its own account");
        (await store.UpsertAsync(Write("account-a", 42, 5, duration: 2), Ct)).Should().BeFalse("A's own newer row is what counts for A");

        var rows = await store.ListRecentAsync(10, Ct);
        rows.Should().HaveCount(2);
        rows.Should().ContainSingle(r => r.Call.Duration == 20).Which.Version.Should().Be(Epoch.AddSeconds(10));
        rows.Should().ContainSingle(r => r.Call.Duration == 1).Which.Version.Should().Be(Epoch.AddSeconds(99));
        (await store.FindAsync("account-b", 42, Ct))!.Call.Duration.Should().Be(20);
        (await store.FindAsync("account-b", 42, Ct))!.AccountId.Should().Be("account-b");
        (await store.FindAsync("account-a", 42, Ct))!.Call.Duration.Should().Be(1);
        (await store.FindAsync(42, Ct)).Should().BeNull("no call was written without an account");
    }

    [Fact]
    public async Task A_database_of_the_previous_schema_is_migrated_keeping_its_rows_as_single_account_calls()
    {
        var path = Path.Combine(_directory, "old.db");
        CreatePreviousSchema(path, callId: 42, versionSeconds: 1_700_000_010, duration: 20);

        using var store = new SqliteCallStore($"Data Source={path}");
        (await store.UpsertAsync(Write("account-a", 42, 99, duration: 1), Ct)).Should().BeTrue();
        (await store.UpsertAsync(Write(null, 42, 5, duration: 3), Ct)).Should().BeFalse("the migrated row keeps its version");

        var rows = await store.ListRecentAsync(10, Ct);
        rows.Should().HaveCount(2, "the migrated row and account A's row are different calls");
        rows.Should().ContainSingle(r => r.Call.Duration == 20).Which.Version.Should().Be(Epoch.AddSeconds(10));
        var migrated = (await store.FindAsync(42, Ct))!;
        migrated.AccountId.Should().BeNull();
        migrated.Call.Duration.Should().Be(20);
        (await new SqliteCheckpointStore(store).GetAsync("aircall:calls:old", Ct)).Should().Be("cs1.e30=", "checkpoints survive the migration");
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture).Should().Be(SqliteCallStore.SchemaVersion);
    }

    [Fact]
    public async Task A_database_of_a_newer_schema_is_refused_with_a_message_that_says_what_to_do()
    {
        var path = Path.Combine(_directory, "newer.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA user_version = {SqliteCallStore.SchemaVersion + 1};";
            command.ExecuteNonQuery();
        }

        using var store = new SqliteCallStore($"Data Source={path}");
        var open = () => store.FindAsync(1, Ct);

        (await open.Should().ThrowAsync<InvalidOperationException>()).WithMessage("*newer than this SqliteCallStore*ConnectionStrings:Calls*");
    }

    [Fact]
    public async Task Two_stores_opening_the_same_old_database_at_once_migrate_it_once()
    {
        var path = Path.Combine(_directory, "shared.db");
        CreatePreviousSchema(path, callId: 7, versionSeconds: 1_700_000_010, duration: 20);
        using var first = new SqliteCallStore($"Data Source={path}");
        using var second = new SqliteCallStore($"Data Source={path}");

        await Task.WhenAll(first.FindAsync(7, Ct), second.FindAsync(7, Ct));

        (await first.ListRecentAsync(10, Ct)).Should().ContainSingle().Which.Call.Duration.Should().Be(20);
    }

    internal static CallWrite Write(string? accountId, long callId, int version, int duration, CallStatus? status = null)
        => new(new Call { Id = callId, Status = status ?? CallStatus.Done, Duration = duration, StartedAt = Epoch }, Epoch.AddSeconds(version), CallWriteSource.Webhook, "call.ended")
        {
            AccountId = accountId,
        };

    /// <summary>A calls.db as the store created it before calls were scoped to accounts (and versions were whole seconds).</summary>
    internal static void CreatePreviousSchema(string path, long callId, long versionSeconds, int duration)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE calls (
                id                 INTEGER PRIMARY KEY,
                direction          TEXT,
                status             TEXT,
                started_at         INTEGER,
                answered_at        INTEGER,
                ended_at           INTEGER,
                duration           INTEGER,
                missed_call_reason TEXT,
                is_missed          INTEGER NOT NULL DEFAULT 0,
                in_call_duration   INTEGER,
                raw_digits         TEXT,
                user_id            INTEGER,
                number_id          INTEGER,
                archived           INTEGER NOT NULL DEFAULT 0,
                tags               TEXT NOT NULL DEFAULT '[]',
                comments           TEXT NOT NULL DEFAULT '[]',
                version            INTEGER NOT NULL,
                payload            TEXT NOT NULL
            );
            CREATE INDEX calls_started_at ON calls (started_at);
            CREATE TABLE sync_checkpoints (
                name       TEXT PRIMARY KEY,
                checkpoint TEXT NOT NULL,
                saved_at   INTEGER NOT NULL
            );
            INSERT INTO sync_checkpoints (name, checkpoint, saved_at) VALUES ('aircall:calls:old', 'cs1.e30=', 1700000000);
            """;
        command.ExecuteNonQuery();
        command.CommandText = """
            INSERT INTO calls (id, status, started_at, duration, version, payload)
            VALUES ($id, 'done', 1700000000, $duration, $version, json_object('id', $id, 'status', 'done', 'started_at', 1700000000, 'duration', $duration));
            """;
        command.Parameters.AddWithValue("$id", callId);
        command.Parameters.AddWithValue("$duration", duration);
        command.Parameters.AddWithValue("$version", versionSeconds);
        command.ExecuteNonQuery();
    }
}
