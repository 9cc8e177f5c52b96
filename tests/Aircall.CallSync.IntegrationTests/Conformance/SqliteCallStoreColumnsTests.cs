using System.Text;
using Aircall.CallSync.Models;
using Aircall.CallSync.Samples.Storage;
using Aircall.CallSync.Storage;
using Microsoft.Data.Sqlite;

namespace Aircall.CallSync.IntegrationTests.Conformance;

/// <summary>
/// The samples' SQLite store logs what the call-logging tutorial's tips name, in columns; the expiring recording and
/// voicemail URLs get none.
/// </summary>
public sealed class SqliteCallStoreColumnsTests : IDisposable
{
    private const string TransferredCall = """
        {"id":7001,"direction":"inbound","status":"done","started_at":1700000000,"answered_at":1700000010,"ended_at":1700000100,
         "hangup_cause":"NORMAL_CLEARING","asset":"https://assets.aircall.io/recording/7001",
         "recording":"https://storage.test/rec.mp3?X-Amz-Expires=600","voicemail":null,
         "contact":{"id":55,"first_name":"Ada","last_name":"Lovelace"},"teams":[{"id":3,"name":"Support"},{"id":4}],
         "assigned_to":{"id":11},"transferred_by":{"id":12},"transferred_to":{"id":13},"user":{"id":12}}
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("aircall-sqlite-columns-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task The_tutorials_fields_have_columns_and_signed_urls_do_not()
    {
        var path = Path.Combine(_directory, "calls.db");
        using var store = new SqliteCallStore($"Data Source={path}");
        var call = AircallJson.ParseCall(Encoding.UTF8.GetBytes(TransferredCall));
        await store.UpsertAsync(new CallWrite(call, DateTimeOffset.FromUnixTimeSeconds(1_700_000_200), CallWriteSource.Batch), Ct);

        var row = Row(path, 7001);

        row["contact_id"].Should().Be(55L);
        row["contact_name"].Should().Be("Ada Lovelace");
        row["team_ids"].Should().Be("[3,4]");
        row["assigned_to_id"].Should().Be(11L);
        row["transferred_by_id"].Should().Be(12L);
        row["transferred_to_id"].Should().Be(13L);
        row["hangup_cause"].Should().Be("NORMAL_CLEARING");
        row["has_recording"].Should().Be(1L);
        row["has_voicemail"].Should().Be(0L);
        row["asset"].Should().Be("https://assets.aircall.io/recording/7001");
        row.Keys.Should().NotContain(["recording", "voicemail", "recording_short_url", "voicemail_short_url"], "signed links expire in minutes");
    }

    [Fact]
    public async Task A_schema_2_database_gets_the_columns_filled_from_its_payloads()
    {
        var path = Path.Combine(_directory, "v2.db");
        using (var store = new SqliteCallStore($"Data Source={path}"))
        {
            var call = AircallJson.ParseCall(Encoding.UTF8.GetBytes(TransferredCall));
            await store.UpsertAsync(new CallWrite(call, DateTimeOffset.FromUnixTimeSeconds(1_700_000_200), CallWriteSource.Batch), Ct);
        }

        // Turn it back into a schema-2 database: the same table without the schema-3 columns.
        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                ALTER TABLE calls DROP COLUMN contact_id; ALTER TABLE calls DROP COLUMN contact_name; ALTER TABLE calls DROP COLUMN team_ids;
                ALTER TABLE calls DROP COLUMN assigned_to_id; ALTER TABLE calls DROP COLUMN transferred_by_id; ALTER TABLE calls DROP COLUMN transferred_to_id;
                ALTER TABLE calls DROP COLUMN hangup_cause; ALTER TABLE calls DROP COLUMN has_recording; ALTER TABLE calls DROP COLUMN has_voicemail;
                ALTER TABLE calls DROP COLUMN asset; PRAGMA user_version = 2;
                """;
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
        using (var store = new SqliteCallStore($"Data Source={path}"))
        {
            (await store.FindAsync(7001, Ct)).Should().NotBeNull("opening the store migrates it");
        }

        var row = Row(path, 7001);
        row["contact_id"].Should().Be(55L);
        row["contact_name"].Should().Be("Ada Lovelace");
        row["team_ids"].Should().Be("[3,4]");
        row["transferred_to_id"].Should().Be(13L);
        row["has_recording"].Should().Be(1L);
        row["user_version"].Should().Be(3L);
    }

    private static Dictionary<string, object?> Row(string path, long id)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT *, (SELECT user_version FROM pragma_user_version) AS user_version FROM calls WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        reader.Read().Should().BeTrue();
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < reader.FieldCount; i++)
        {
            row[reader.GetName(i)] = reader.IsDBNull(i) ? null : reader.GetValue(i);
        }

        return row;
    }
}
