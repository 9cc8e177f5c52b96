using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Aircall.CallSync.EntityFrameworkCore.Tests.BadConditions.DatabaseErrorTests;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.BadConditions;

/// <summary>
/// A database without the tables (no migration applied), a table a column short (an older migration), a model without
/// the Aircall entities: the error names the step that fixes it.
/// </summary>
public abstract class SchemaErrorTests(TestProvider provider)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_the_tables_every_operation_names_the_migration_and_EnsureCreated()
    {
        await using var database = await TestDatabase.CreateAsync(provider, createTables: false);

        foreach (var operation in Operations(database.CallStore(), database.CheckpointStore()))
        {
            var error = (await operation.Should().ThrowAsync<CallStoreException>()).Which;
            error.Message.Should().MatchRegex("The table .*aircall_(calls|sync_checkpoints) does not exist in the (PostgreSQL|SQLite) database")
                .And.Contain("modelBuilder.ApplyAircallCallSync()").And.Contain("dotnet ef migrations add").And.Contain("EnsureCreated()");
        }
    }

    [Fact]
    public async Task A_table_older_than_the_package_asks_for_a_migration()
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await database.ExecuteAsync($"ALTER TABLE {(database.Schema is null ? "" : database.Schema + ".")}aircall_calls DROP COLUMN asset");

        var error = await database.CallStore().Invoking(s => s.UpsertAsync(Call(1), Ct).AsTask()).Should().ThrowAsync<CallStoreException>();

        error.Which.Message.Should().Contain("lacks a column this version of Aircall.CallSync.EntityFrameworkCore writes").And.Contain("dotnet ef migrations add");
    }

    [Fact]
    public async Task A_model_without_the_Aircall_entities_names_ApplyAircallCallSync()
    {
        await using var database = await TestDatabase.CreateAsync(provider, createTables: false);
        var store = new EntityFrameworkCoreCallStore<PlainContext>(new PlainFactory(database.OptionsFor<PlainContext>()));

        var error = await store.Invoking(s => s.UpsertAsync(Call(1), Ct).AsTask()).Should().ThrowAsync<InvalidOperationException>();

        error.Which.Message.Should().Contain("PlainContext's model has no AircallCall: call modelBuilder.ApplyAircallCallSync() in its OnModelCreating");
    }

    public sealed class PlainContext(DbContextOptions<PlainContext> options) : DbContext(options)
    {
        public DbSet<Customer> Customers => Set<Customer>();
    }

    private sealed class PlainFactory(DbContextOptions<PlainContext> options) : IDbContextFactory<PlainContext>
    {
        public PlainContext CreateDbContext() => new(options);
    }
}

public sealed class PostgresSchemaErrorTests() : SchemaErrorTests(TestProvider.PostgreSql);

public sealed class SqliteSchemaErrorTests() : SchemaErrorTests(TestProvider.Sqlite);
