using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Recordings;

/// <summary>A user's context with the call tables and the recording archive table, in a schema of the test's own on PostgreSQL.</summary>
public sealed class ArchiveContext(DbContextOptions<ArchiveContext> options, string? schema = null) : DbContext(options), ISchemaContext
{
    public string? Schema { get; } = schema;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        if (Schema is not null)
        {
            modelBuilder.HasDefaultSchema(Schema);
        }

        modelBuilder.ApplyAircallCallSync().ApplyAircallRecordingArchive();
    }
}

/// <summary>A new database (a PostgreSQL schema or a SQLite file) with the tables of <see cref="ArchiveContext"/>.</summary>
public sealed class ArchiveDatabase : IDbContextFactory<ArchiveContext>, IAsyncDisposable
{
    private readonly TestDatabase _database;
    private readonly DbContextOptions<ArchiveContext> _options;

    private ArchiveDatabase(TestDatabase database, DbContextOptions<ArchiveContext> options)
    {
        _database = database;
        _options = options;
    }

    public static async Task<ArchiveDatabase> CreateAsync(TestProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider, createTables: false);
        var created = new ArchiveDatabase(database, database.OptionsFor<ArchiveContext>());
        await using var context = created.CreateDbContext();
        await context.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(TestContext.Current.CancellationToken);
        return created;
    }

    public ArchiveContext CreateDbContext() => new(_options, _database.Schema);

    /// <summary>Contexts on the same tables through a pool of connections of their own, as a second process has.</summary>
    public IDbContextFactory<ArchiveContext> SecondProcess()
    {
        var options = new DbContextOptionsBuilder<ArchiveContext>();
        if (_database.Provider == TestProvider.PostgreSql)
        {
            options.UseNpgsql(_database.ConnectionString + ";Application Name=second-archiver").ReplaceService<IModelCacheKeyFactory, ModelPerSchema>();
        }
        else
        {
            options.UseSqlite(_database.ConnectionString + ";Pooling=False");
        }

        return new Factory(options.Options, _database.Schema);
    }

    public ValueTask DisposeAsync() => _database.DisposeAsync();

    private sealed class Factory(DbContextOptions<ArchiveContext> options, string? schema) : IDbContextFactory<ArchiveContext>
    {
        public ArchiveContext CreateDbContext() => new(options, schema);
    }
}
