using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Aircall.CallSync.Models;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Model;

/// <summary>
/// The store writes where the user's model says: a renamed table, a renamed column, and on PostgreSQL a payload the user
/// chose to keep as <c>jsonb</c> (semantically equal, no longer byte for byte).
/// </summary>
public abstract class CustomMappingTests(TestProvider provider) : DatabaseTests(provider)
{
    [Fact]
    public async Task The_store_follows_a_table_and_columns_renamed_in_the_users_model()
    {
        var factory = new Factory(Database.OptionsFor<RenamedContext>(), Database.Schema, Provider == TestProvider.PostgreSql);
        await using (var context = factory.CreateDbContext())
        {
            await context.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(Ct);
        }

        var store = new EntityFrameworkCoreCallStore<RenamedContext>(factory);
        var probe = new Probe(store);
        await CallStoreConformance.LifecycleNeverGoesBackAsync(probe);
        await CallStoreConformance.AccountsNeverOverwriteEachOtherAsync(probe);
        await CallStoreConformance.PagesAreStoredWholeAsync(probe);

        await using var check = factory.CreateDbContext();
        // The model reads crm_calls.raw_payload: the store wrote there.
        var raw = await check.Set<AircallCall>().Where(c => c.AccountId == "" && c.CallId == 1005).Select(c => c.Payload).SingleAsync(Ct);
        AircallJson.ParseCall(System.Text.Encoding.UTF8.GetBytes(raw)).Status.Should().Be(CallStatus.Done);
    }

    private sealed class Probe(EntityFrameworkCoreCallStore<RenamedContext> store) : ICallStoreProbe
    {
        public Task<ICallStore> CreateStoreAsync() => Task.FromResult<ICallStore>(store);

        public Task<StoredCall?> FindAsync(ICallStore store, string? accountId, long callId)
            => ((EntityFrameworkCoreCallStore<RenamedContext>)store).FindAsync(accountId, callId, TestContext.Current.CancellationToken);
    }

    private sealed class Factory(DbContextOptions<RenamedContext> options, string? schema, bool jsonb) : IDbContextFactory<RenamedContext>
    {
        public RenamedContext CreateDbContext() => new(options, schema, jsonb);
    }
}

public sealed class RenamedContext(DbContextOptions<RenamedContext> options, string? schema, bool jsonb) : DbContext(options), ISchemaContext
{
    public string? Schema { get; } = schema;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyAircallCallSync();
        var calls = modelBuilder.Entity<AircallCall>();
        calls.ToTable("crm_calls", Schema);
        var payload = calls.Property(c => c.Payload).HasColumnName("raw_payload");
        if (jsonb)
        {
            payload.HasColumnType("jsonb");
        }

        modelBuilder.Entity<AircallSyncCheckpoint>().ToTable("crm_checkpoints", Schema);
        modelBuilder.Entity<AircallAccountEntity>().ToTable("crm_accounts", Schema);
        modelBuilder.Entity<AircallOAuthState>().ToTable("crm_oauth_states", Schema);
    }
}

public sealed class PostgresCustomMappingTests() : CustomMappingTests(TestProvider.PostgreSql);

public sealed class SqliteCustomMappingTests() : CustomMappingTests(TestProvider.Sqlite);
