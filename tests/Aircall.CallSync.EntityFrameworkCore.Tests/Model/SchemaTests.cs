using System.Text;
using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Aircall.CallSync.Storage;
using Microsoft.EntityFrameworkCore;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Model;

/// <summary>
/// What a user's migration creates and what they query: the typed columns the SQLite sample keeps, read back through
/// the entity; LINQ over them, joined with the user's own tables; the DDL their migrations get.
/// </summary>
public abstract class SchemaTests(TestProvider provider) : DatabaseTests(provider)
{
    private const string TransferredCall = """
        {"id":7001,"direction":"inbound","status":"done","started_at":1700000000,"answered_at":1700000010,"ended_at":1700000100,
         "duration":100,"hangup_cause":"NORMAL_CLEARING","asset":"https://assets.aircall.io/recording/7001",
         "recording":"https://storage.test/rec.mp3?X-Amz-Expires=600","voicemail":null,"raw_digits":"+33 1 23 45 67 89",
         "contact":{"id":55,"first_name":"Ada","last_name":"Lovelace"},"teams":[{"id":3,"name":"Support"},{"id":4}],
         "assigned_to":{"id":11},"transferred_by":{"id":12},"transferred_to":{"id":13},"user":{"id":12},"number":{"id":21},
         "tags":[{"id":1,"name":"vip"}],  "comments":[{"id":9,"content":"called back"}], "archived":true, "future":{"x":1}}
        """;

    private const string MissedCall = """
        {"id":7002,"direction":"inbound","status":"done","started_at":1700000500,"ended_at":1700000530,"duration":30,
         "missed_call_reason":"no_available_agent","voicemail":"https://storage.test/vm.mp3","teams":[{"id":4}],"user":null}
        """;

    [Fact]
    public async Task The_sample_stores_columns_are_filled_from_the_call_and_the_payload_is_kept_as_sent()
    {
        await Database.CallStore().UpsertAsync(Write(TransferredCall, "acme"), Ct);

        await using var context = Database.CreateDbContext();
        var row = await context.Set<AircallCall>().AsNoTracking().SingleAsync(Ct);

        row.AccountId.Should().Be("acme");
        row.CallId.Should().Be(7001);
        row.Direction.Should().Be("inbound");
        row.Status.Should().Be("done");
        row.StartedAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        row.AnsweredAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_700_000_010));
        row.EndedAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_700_000_100));
        row.Duration.Should().Be(100);
        row.InCallDuration.Should().Be(90);
        row.IsMissed.Should().BeFalse();
        row.RawDigits.Should().Be("+33 1 23 45 67 89");
        row.UserId.Should().Be(12);
        row.NumberId.Should().Be(21);
        row.Archived.Should().BeTrue();
        row.ContactId.Should().Be(55);
        row.ContactName.Should().Be("Ada Lovelace");
        row.TeamIds.Should().Equal(3, 4);
        row.AssignedToId.Should().Be(11);
        row.TransferredById.Should().Be(12);
        row.TransferredToId.Should().Be(13);
        row.HangupCause.Should().Be("NORMAL_CLEARING");
        row.HasRecording.Should().BeTrue();
        row.HasVoicemail.Should().BeFalse();
        row.Asset.Should().Be("https://assets.aircall.io/recording/7001");
        row.Tags.Should().Be("""[{"id":1,"name":"vip"}]""");
        row.Comments.Should().Be("""[{"id":9,"content":"called back"}]""");
        row.Version.Should().Be(Version);
        row.Payload.Should().Be(TransferredCall, "the payload column keeps what Aircall sent, byte for byte");
        row.ToCall().Contact!.FirstName.Should().Be("Ada");
    }

    [Fact]
    public async Task Calls_are_queried_with_LINQ_on_the_typed_columns_and_joined_with_the_users_tables()
    {
        await Database.CallStore().UpsertManyAsync([Write(TransferredCall, "acme"), Write(MissedCall, "acme"), Write(MissedCall, "other")], Ct);
        await using (var seed = Database.CreateDbContext())
        {
            seed.Customers.Add(new Customer { Name = "Ada's company", AircallContactId = 55 });
            await seed.SaveChangesAsync(Ct);
        }

        await using var context = Database.CreateDbContext();
        var calls = context.Set<AircallCall>().AsNoTracking().Where(c => c.AccountId == "acme");
        var since = DateTimeOffset.FromUnixTimeSeconds(1_700_000_100);

        (await calls.Where(c => c.IsMissed && c.StartedAt >= since).Select(c => c.CallId).ToListAsync(Ct)).Should().Equal(7002);
        (await calls.Where(c => c.TeamIds.Contains(4)).OrderByDescending(c => c.StartedAt).Select(c => c.CallId).ToListAsync(Ct)).Should().Equal(7002, 7001);
        (await calls.Where(c => c.HasVoicemail).CountAsync(Ct)).Should().Be(1);
        (await calls.Where(c => c.Version >= Version).CountAsync(Ct)).Should().Be(2);
        (await calls.SumAsync(c => c.InCallDuration, Ct)).Should().Be(90);
        var perTeamCount = await calls.Where(c => c.TeamIds.Contains(3)).GroupBy(c => c.Direction).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct);
        perTeamCount.Should().ContainSingle().Which.Count.Should().Be(1);
        var joined = await (from call in calls
                            join customer in context.Customers on call.ContactId equals customer.AircallContactId
                            select new { call.CallId, customer.Name }).ToListAsync(Ct);
        joined.Should().ContainSingle().Which.Name.Should().Be("Ada's company");
        (await context.Set<AircallCall>().CountAsync(c => c.AccountId == "other", Ct)).Should().Be(1, "the same call of another account is another row");
    }

    [Fact]
    public void Migrations_create_the_calls_table_with_its_key_and_index_and_the_checkpoints_table()
    {
        using var context = Database.CreateDbContext();
        var script = context.Database.GenerateCreateScript();

        script.Should().Contain("aircall_calls").And.Contain("aircall_sync_checkpoints").And.Contain("IX_aircall_calls_account_id_started_at");
        script.Should().MatchRegex(@"PRIMARY KEY \(""?account_id""?, ""?call_id""?\)");
        if (Provider == TestProvider.PostgreSql)
        {
            script.Should().Contain("payload json NOT NULL", "PostgreSQL's json keeps the text as sent; jsonb would rewrite it")
                .And.Contain("team_ids bigint[] NOT NULL").And.Contain("version bigint NOT NULL");
        }
        else
        {
            script.Should().Contain("\"payload\" TEXT NOT NULL").And.Contain("\"version\" INTEGER NOT NULL");
        }
    }

    private static readonly DateTimeOffset Version = DateTimeOffset.FromUnixTimeSeconds(1_700_001_000).AddTicks(123_4560);

    private static CallWrite Write(string json, string? account)
    {
        var payload = Encoding.UTF8.GetBytes(json);
        return new CallWrite(AircallJson.ParseCall(payload), Version, CallWriteSource.Batch) { AccountId = account, Payload = payload };
    }
}

public sealed class PostgresSchemaTests() : SchemaTests(TestProvider.PostgreSql);

public sealed class SqliteSchemaTests() : SchemaTests(TestProvider.Sqlite);
