using System.Data.Common;
using System.Security.Cryptography;
using System.Text;
using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Npgsql;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Accounts;

/// <summary>
/// The webhook token digest lookup is one read of the unique index, whatever the number of accounts: the statement the
/// store sends, captured and explained by the database itself at 10,000 accounts.
/// </summary>
public abstract class DigestIndexTests(TestProvider provider) : DatabaseTests(provider)
{
    private const int Accounts = 10_000;

    [Fact]
    public async Task The_digest_lookup_the_store_sends_is_an_index_search_at_10000_accounts()
    {
        await FillAsync();
        var capture = new CommandCapture();
        var store = new EntityFrameworkCoreAccountStore<CallsContext>(new CapturingFactory(Database, capture), new DataProtectionAccessTokenProtector(new EphemeralDataProtectionProvider()));

        var found = await store.FindByWebhookTokenDigestAsync(SHA256.HashData(Encoding.UTF8.GetBytes("token 5000")), Ct);
        found!.AccountId.Should().Be("acct-5000");
        (await store.FindByWebhookTokenDigestAsync(SHA256.HashData(Encoding.UTF8.GetBytes("token 10001")), Ct)).Should().BeNull();

        var plan = await ExplainAsync(capture.Commands[0]);
        if (Provider == TestProvider.PostgreSql)
        {
            plan.Should().Contain("Index Scan using \"IX_aircall_accounts_webhook_token_digest\"").And.NotContain("Seq Scan");
        }
        else
        {
            plan.Should().Contain("USING INDEX IX_aircall_accounts_webhook_token_digest (webhook_token_digest=?)").And.NotContain("SCAN aircall_accounts");
        }
    }

    private async Task FillAsync()
    {
        if (Provider == TestProvider.PostgreSql)
        {
            await Database.ExecuteAsync($"""
                INSERT INTO {Database.Schema}.aircall_accounts (account_id, status, webhook_token_digest, installed_at, updated_at, calls_synced)
                SELECT 'acct-' || i, 1, sha256(convert_to('token ' || i, 'UTF8')), 0, 0, 0 FROM generate_series(1, {Accounts}) AS i;
                ANALYZE {Database.Schema}.aircall_accounts;
                """);
            return;
        }

        await using var connection = new SqliteConnection(Database.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var transaction = connection.BeginTransaction();
        await using var command = new SqliteCommand(
            "INSERT INTO aircall_accounts (account_id, status, webhook_token_digest, installed_at, updated_at, calls_synced) VALUES (@id, 1, @digest, 0, 0, 0)",
            connection, transaction);
        var id = command.Parameters.Add("@id", SqliteType.Text);
        var digest = command.Parameters.Add("@digest", SqliteType.Blob);
        for (var i = 1; i <= Accounts; i++)
        {
            id.Value = "acct-" + i;
            digest.Value = SHA256.HashData(Encoding.UTF8.GetBytes("token " + i));
            await command.ExecuteNonQueryAsync(Ct);
        }

        await transaction.CommitAsync(Ct);
        await using var analyze = new SqliteCommand("ANALYZE", connection);
        await analyze.ExecuteNonQueryAsync(Ct);
    }

    private async Task<string> ExplainAsync(CapturedCommand captured)
    {
        DbConnection connection = Provider == TestProvider.PostgreSql ? new NpgsqlConnection(Database.ConnectionString) : new SqliteConnection(Database.ConnectionString);
        await using (connection)
        {
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = (Provider == TestProvider.PostgreSql ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + captured.Sql;
            foreach (var (name, value) in captured.Parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }

            var lines = new List<string>();
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                lines.Add(reader.GetValue(reader.FieldCount - 1).ToString()!);
            }

            return string.Join("\n", lines);
        }
    }

    internal sealed record CapturedCommand(string Sql, List<(string Name, object Value)> Parameters);

    internal sealed class CommandCapture : DbCommandInterceptor
    {
        public List<CapturedCommand> Commands { get; } = [];

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            lock (Commands)
            {
                Commands.Add(new CapturedCommand(command.CommandText, command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, p.Value!)).ToList()));
            }

            return ValueTask.FromResult(result);
        }
    }

    private sealed class CapturingFactory(TestDatabase database, CommandCapture capture) : IDbContextFactory<CallsContext>
    {
        private readonly DbContextOptions<CallsContext> _options = Options(database, capture);

        public CallsContext CreateDbContext() => new(_options, database.Schema);

        private static DbContextOptions<CallsContext> Options(TestDatabase database, CommandCapture capture)
        {
            var builder = new DbContextOptionsBuilder<CallsContext>().AddInterceptors(capture);
            if (database.Provider == TestProvider.PostgreSql)
            {
                builder.UseNpgsql(database.ConnectionString).ReplaceService<IModelCacheKeyFactory, ModelPerSchema>();
            }
            else
            {
                builder.UseSqlite(database.ConnectionString);
            }

            return builder.Options;
        }
    }
}

public sealed class PostgresDigestIndexTests() : DigestIndexTests(TestProvider.PostgreSql);

public sealed class SqliteDigestIndexTests() : DigestIndexTests(TestProvider.Sqlite);
