using System.Security.Cryptography;
using System.Text;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Accounts;

/// <summary>Access tokens at rest: never in clear in the table, readable only with the key ring that protected them.</summary>
public abstract class AccessTokenProtectionTests(TestProvider provider) : DatabaseTests(provider)
{
    private const string Token = "fake-oauth-access-token-7c2e91";

    [Fact]
    public async Task The_access_token_column_holds_a_protected_value_never_the_token()
    {
        var store = Store(new EphemeralDataProtectionProvider());
        await store.SaveAsync(Account("acme", Token), Ct);

        var raw = await RawTokenAsync("acme");
        raw.Should().NotBeNullOrEmpty().And.NotContain(Token).And.NotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Token)));
        (await store.FindAsync("acme", Ct))!.AccessToken.Should().Be(Token);

        await using var context = Database.CreateDbContext();
        var row = await context.Set<AircallAccountEntity>().AsNoTracking().SingleAsync(Ct);
        row.ProtectedAccessToken.Should().Be(raw, "the entity maps the column as stored");
    }

    [Fact]
    public async Task Another_key_ring_cannot_read_the_token_and_says_which_account_and_what_to_do_without_failing_the_listing()
    {
        var first = Store(new EphemeralDataProtectionProvider());
        await first.SaveAsync(Account("acme", Token), Ct);
        await first.SaveAsync(Account("globex", null), Ct);
        var second = Store(new EphemeralDataProtectionProvider()); // another instance, keys of its own

        var found = (await second.FindAsync("acme", Ct))!;
        found.AccessToken.Should().BeNull();
        found.Status.Should().Be(AircallAccountStatus.NeedsReinstall, "syncing it would fail on every request");
        found.LastError.Should().Contain("'acme'").And.Contain("cannot be unprotected").And.Contain("PersistKeysTo").And.Contain("install the app again");
        found.LastError.Should().NotContain(Token).And.NotContain((await RawTokenAsync("acme"))!);
        var byDigest = (await second.FindByWebhookTokenDigestAsync(found.WebhookTokenDigest!, Ct))!;
        byDigest.AccessToken.Should().BeNull("the webhook path's lookup never unprotects a token");
        byDigest.Status.Should().Be(AircallAccountStatus.Active, "its webhooks need no token, so they are still accepted");

        var listed = new List<AircallAccount>();
        await foreach (var account in second.ListAsync(Ct))
        {
            listed.Add(account);
        }

        listed.Select(a => a.AccountId).Should().Equal("acme", "globex");
        listed[1].Status.Should().Be(AircallAccountStatus.Active, "an account without a token is read as it is");

        (await first.FindAsync("acme", Ct))!.AccessToken.Should().Be(Token, "the row is untouched: the right keys still read it");

        // Installing again (a new token saved by this instance) repairs the account.
        found.AccessToken = "fake-new-token-after-reinstall";
        found.Status = AircallAccountStatus.Active;
        found.LastError = null;
        found.LastErrorAt = null;
        await second.SaveAsync(found, Ct);
        (await second.FindAsync("acme", Ct))!.AccessToken.Should().Be("fake-new-token-after-reinstall");
    }

    [Fact]
    public async Task A_protector_the_user_supplies_is_used_both_ways()
    {
        var protector = new ReversingProtector();
        var store = new EntityFrameworkCoreAccountStore<CallsContext>(Database, protector);
        await store.SaveAsync(Account("acme", Token), Ct);

        (await RawTokenAsync("acme")).Should().Be("reversed:" + new string(Token.Reverse().ToArray()));
        (await store.FindAsync("acme", Ct))!.AccessToken.Should().Be(Token);
        protector.Protected.Should().Be(1);
        protector.Unprotected.Should().Be(1);
    }

    internal static AircallAccount Account(string id, string? token) => new()
    {
        AccountId = id,
        CompanyId = 42,
        Status = AircallAccountStatus.Active,
        AccessToken = token,
        WebhookTokenDigest = SHA256.HashData(Encoding.UTF8.GetBytes("webhook token of " + id)),
        InstalledAt = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600),
        UpdatedAt = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600),
    };

    private EntityFrameworkCoreAccountStore<CallsContext> Store(IDataProtectionProvider keys)
        => new(Database, new DataProtectionAccessTokenProtector(keys));

    private async Task<string?> RawTokenAsync(string accountId)
    {
        const string Sql = "SELECT protected_access_token FROM {0}aircall_accounts WHERE account_id = {1}";
        if (Provider == TestProvider.PostgreSql)
        {
            await using var connection = new NpgsqlConnection(Database.ConnectionString);
            await connection.OpenAsync(Ct);
            await using var command = new NpgsqlCommand(string.Format(null, Sql, Database.Schema + ".", "$1"), connection);
            command.Parameters.Add(new NpgsqlParameter { Value = accountId });
            return (string?)await command.ExecuteScalarAsync(Ct);
        }

        await using var sqlite = new SqliteConnection(Database.ConnectionString);
        await sqlite.OpenAsync(Ct);
        await using var query = new SqliteCommand(string.Format(null, Sql, "", "@id"), sqlite);
        query.Parameters.AddWithValue("@id", accountId);
        return (string?)await query.ExecuteScalarAsync(Ct);
    }

    /// <summary>A protector of the user's own (a key vault, say); trivially reversible, for the test only.</summary>
    internal sealed class ReversingProtector : IAccessTokenProtector
    {
        private int _protected;
        private int _unprotected;

        public int Protected => _protected;

        public int Unprotected => _unprotected;

        public string Protect(string accessToken)
        {
            Interlocked.Increment(ref _protected);
            return "reversed:" + new string(accessToken.Reverse().ToArray());
        }

        public string Unprotect(string protectedAccessToken)
        {
            Interlocked.Increment(ref _unprotected);
            return protectedAccessToken.StartsWith("reversed:", StringComparison.Ordinal)
                ? new string(protectedAccessToken["reversed:".Length..].Reverse().ToArray())
                : throw new CryptographicException("Not protected by this protector.");
        }
    }
}

public sealed class PostgresAccessTokenProtectionTests() : AccessTokenProtectionTests(TestProvider.PostgreSql);

public sealed class SqliteAccessTokenProtectionTests() : AccessTokenProtectionTests(TestProvider.Sqlite);
