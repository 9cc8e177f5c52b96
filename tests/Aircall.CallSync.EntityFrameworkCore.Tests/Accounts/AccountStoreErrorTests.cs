using System.Net;
using System.Net.Sockets;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Npgsql;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Accounts;

/// <summary>The account and state stores fail as the call store does: a <see cref="CallStoreException"/> naming the database and the fix.</summary>
public sealed class AccountStoreErrorTests
{
    private const string Password = "fake-password-91ab";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_PostgreSQL_server_that_is_down_is_named_by_every_operation_of_the_account_and_state_stores()
    {
        var port = ClosedPort();
        var contexts = TestDatabase.Contexts(TestProvider.PostgreSql, $"Host=127.0.0.1;Port={port};Database=aircall_down;Username=aircall;Password={Password};Timeout=5");
        var accounts = new EntityFrameworkCoreAccountStore<CallsContext>(contexts, new DataProtectionAccessTokenProtector(new EphemeralDataProtectionProvider()));
        var states = new EntityFrameworkCoreOAuthStateStore<CallsContext>(contexts);
        var digest = new byte[32];
        Func<Task>[] operations =
        [
            () => accounts.FindAsync("acme", Ct).AsTask(),
            () => accounts.FindByWebhookTokenDigestAsync(digest, Ct).AsTask(),
            async () => { await foreach (var _ in accounts.ListAsync(Ct)) { } },
            () => accounts.SaveAsync(AccessTokenProtectionTests.Account("acme", "fake-token"), Ct).AsTask(),
            () => accounts.RecordActivityAsync("acme", new AircallAccountActivity { CallsSynced = 1 }, Ct).AsTask(),
            () => states.AddAsync(digest, DateTimeOffset.UnixEpoch, Ct).AsTask(),
            () => states.TryConsumeAsync(digest, DateTimeOffset.UnixEpoch, Ct).AsTask(),
        ];

        foreach (var operation in operations)
        {
            var error = (await operation.Should().ThrowAsync<CallStoreException>()).Which;
            error.Message.Should().Contain($"Cannot connect to the PostgreSQL database 'aircall_down' on 127.0.0.1:{port}").And.Contain("is the server running");
            error.ToString().Should().NotContain(Password);
            error.InnerException.Should().BeAssignableTo<NpgsqlException>();
        }
    }

    [Theory]
    [InlineData(TestProvider.PostgreSql)]
    [InlineData(TestProvider.Sqlite)]
    public async Task Missing_tables_are_named_with_the_migration_to_run(TestProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, createTables: false);
        var accounts = new EntityFrameworkCoreAccountStore<CallsContext>(database, new DataProtectionAccessTokenProtector(new EphemeralDataProtectionProvider()));
        var states = new EntityFrameworkCoreOAuthStateStore<CallsContext>(database);

        var missingAccounts = (await accounts.Invoking(s => s.SaveAsync(AccessTokenProtectionTests.Account("acme", "fake-token"), Ct).AsTask()).Should().ThrowAsync<CallStoreException>()).Which;
        missingAccounts.Message.Should().Contain("The table ").And.Contain("aircall_accounts does not exist").And.Contain("dotnet ef migrations add").And.Contain("EnsureCreated");
        var missingStates = (await states.Invoking(s => s.TryConsumeAsync(new byte[32], DateTimeOffset.UnixEpoch, Ct).AsTask()).Should().ThrowAsync<CallStoreException>()).Which;
        missingStates.Message.Should().Contain("aircall_oauth_states does not exist");
    }

    [Theory]
    [InlineData(TestProvider.PostgreSql)]
    [InlineData(TestProvider.Sqlite)]
    public async Task A_duplicate_digest_names_the_account_that_has_it(TestProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var accounts = new EntityFrameworkCoreAccountStore<CallsContext>(database, new DataProtectionAccessTokenProtector(new EphemeralDataProtectionProvider()));
        var owner = AccessTokenProtectionTests.Account("acme", "fake-token");
        await accounts.SaveAsync(owner, Ct);
        var other = AccessTokenProtectionTests.Account("globex", "fake-token-2");
        other.WebhookTokenDigest = owner.WebhookTokenDigest;

        var error = (await accounts.Invoking(s => s.SaveAsync(other, Ct).AsTask()).Should().ThrowAsync<InvalidOperationException>()).Which;
        error.Message.Should().Contain("Account 'acme' already has this webhook token digest").And.Contain("'globex' was not saved");
        (await accounts.FindAsync("globex", Ct)).Should().BeNull();
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
