using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;

public enum TestProvider
{
    PostgreSql,
    Sqlite,
}

/// <summary>
/// A new, empty database for one test: a schema of its own in the PostgreSQL test database (dropped afterwards), or a
/// SQLite file of its own (deleted afterwards). A context factory, as <c>AddDbContextFactory</c> gives the stores.
/// </summary>
public sealed class TestDatabase : IDbContextFactory<CallsContext>, IAsyncDisposable
{
    private static readonly ConcurrentDictionary<string, DbContextOptions<CallsContext>> PostgresOptions = new();

    private readonly DbContextOptions<CallsContext> _options;

    private TestDatabase(TestProvider provider, DbContextOptions<CallsContext> options, string connectionString, string? schema, string? file)
    {
        Provider = provider;
        _options = options;
        ConnectionString = connectionString;
        Schema = schema;
        File = file;
    }

    public TestProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The PostgreSQL schema holding the tables; <c>null</c> on SQLite.</summary>
    public string? Schema { get; }

    /// <summary>The SQLite file; <c>null</c> on PostgreSQL.</summary>
    public string? File { get; }

    /// <summary>A new database; with <paramref name="createTables"/> false it is empty (the schema exists, the tables do not).</summary>
    public static async Task<TestDatabase> CreateAsync(TestProvider provider, bool createTables = true)
    {
        TestDatabase database;
        if (provider == TestProvider.PostgreSql)
        {
            var connectionString = await TestPostgres.RequireAsync();
            var schema = "aircall_t_" + Guid.NewGuid().ToString("N")[..12];
            var options = PostgresOptions.GetOrAdd(connectionString, cs => Options<CallsContext>(TestProvider.PostgreSql, cs));
            database = new TestDatabase(provider, options, connectionString, schema, null);
            await database.ExecuteAsync($"CREATE SCHEMA {schema}");
        }
        else
        {
            var file = Path.Combine(Path.GetTempPath(), $"aircall-efcore-{Guid.NewGuid():N}.db");
            var connectionString = $"Data Source={file}";
            var options = Options<CallsContext>(TestProvider.Sqlite, connectionString);
            database = new TestDatabase(provider, options, connectionString, null, file);
        }

        if (createTables)
        {
            await using var context = database.CreateDbContext();
            await context.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(TestContext.Current.CancellationToken);
        }

        return database;
    }

    public CallsContext CreateDbContext() => new(_options, Schema);

    /// <summary>Options for another context type on this database (its model cached per schema, as <see cref="CallsContext"/>'s).</summary>
    public DbContextOptions<TContext> OptionsFor<TContext>()
        where TContext : DbContext
        => Options<TContext>(Provider, ConnectionString);

    private static DbContextOptions<TContext> Options<TContext>(TestProvider provider, string connectionString)
        where TContext : DbContext
    {
        var options = new DbContextOptionsBuilder<TContext>();
        if (provider == TestProvider.PostgreSql)
        {
            options.UseNpgsql(connectionString).ReplaceService<IModelCacheKeyFactory, ModelPerSchema>();
        }
        else
        {
            options.UseSqlite(connectionString);
        }

        return options.Options;
    }

    /// <summary>
    /// Contexts on the same tables through another connection string: another pool of connections, as another process
    /// has (e.g. another Application Name), or another route to the server (a <see cref="TcpProxy"/>).
    /// </summary>
    public IDbContextFactory<CallsContext> Connect(string connectionString) => Contexts(Provider, connectionString, Schema);

    /// <summary>Contexts on any connection string (a server that is down, a file that cannot be opened), tables in the default schema.</summary>
    public static IDbContextFactory<CallsContext> Contexts(TestProvider provider, string connectionString, string? schema = null)
        => new Factory(Options<CallsContext>(provider, connectionString), schema);

    /// <summary>Contexts on the same tables through a pool of connections of their own, as a second process would have.</summary>
    public IDbContextFactory<CallsContext> SecondProcess()
        => Connect(Provider == TestProvider.PostgreSql ? ConnectionString + ";Application Name=second-writer" : ConnectionString + ";Pooling=False");

    public EntityFrameworkCoreCallStore<CallsContext> CallStore() => new(this);

    public EntityFrameworkCoreCheckpointStore<CallsContext> CheckpointStore(TimeProvider? timeProvider = null) => new(this, timeProvider);

    /// <summary>Runs SQL as the test role (PostgreSQL) or on the file (SQLite), outside EF Core.</summary>
    public async Task ExecuteAsync(string sql)
    {
        if (Provider == TestProvider.PostgreSql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            await using var connection = new SqliteConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new SqliteCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
    }

    private sealed class Factory(DbContextOptions<CallsContext> options, string? schema) : IDbContextFactory<CallsContext>
    {
        public CallsContext CreateDbContext() => new(options, schema);
    }

    public async ValueTask DisposeAsync()
    {
        if (Provider == TestProvider.PostgreSql)
        {
            await ExecuteAsync($"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        }
        else
        {
            SqliteConnection.ClearPool(new SqliteConnection(ConnectionString));
            foreach (var path in new[] { File!, File + "-wal", File + "-shm", File + "-journal" })
            {
                System.IO.File.Delete(path);
            }
        }
    }
}
