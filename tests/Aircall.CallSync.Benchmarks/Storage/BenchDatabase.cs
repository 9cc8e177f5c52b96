using Aircall.CallSync.EntityFrameworkCore;
using Aircall.CallSync.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Aircall.CallSync.Benchmarks.Storage;

/// <summary>
/// A new database for one benchmark: a schema of its own in the PostgreSQL database of <c>AIRCALL_TEST_POSTGRES</c>
/// (the connection's search path, so the model is the user's plain one), or a temporary SQLite file in WAL mode. Contexts
/// come from a pooled factory, as <c>AddPooledDbContextFactory</c> registers it.
/// </summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    public const string Variable = "AIRCALL_TEST_POSTGRES";

    private readonly string _connectionString;
    private readonly string? _schema;
    private readonly string? _file;

    private BenchDatabase(string name, IDbContextFactory<BenchContext> contexts, string connectionString, string? schema, string? file)
    {
        Name = name;
        Contexts = contexts;
        _connectionString = connectionString;
        _schema = schema;
        _file = file;
    }

    public string Name { get; }

    public IDbContextFactory<BenchContext> Contexts { get; }

    public static bool PostgresConfigured => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable));

    public static async Task<BenchDatabase> CreateAsync(string provider)
    {
        BenchDatabase database;
        if (provider == "postgres")
        {
            var server = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } configured
                ? configured
                : throw new InvalidOperationException($"Set {Variable} to a PostgreSQL connection string: export {Variable}=\"$(bash eng/test-postgres.sh)\"");
            var schema = "aircall_bench_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(server))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand("CREATE SCHEMA " + schema, connection);
                await create.ExecuteNonQueryAsync();
            }

            var connectionString = new NpgsqlConnectionStringBuilder(server) { SearchPath = schema, MaxPoolSize = 40, MaxAutoPrepare = 10 }.ConnectionString;
            var options = new DbContextOptionsBuilder<BenchContext>().UseNpgsql(connectionString).Options;
            database = new BenchDatabase("PostgreSQL", new PooledDbContextFactory<BenchContext>(options), server, schema, null);
        }
        else
        {
            var file = Path.Combine(Path.GetTempPath(), $"aircall-bench-ef-{Guid.NewGuid():N}.db");
            var connectionString = $"Data Source={file}";
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.OpenAsync();
                await using var wal = new SqliteCommand("PRAGMA journal_mode = WAL;", connection);
                await wal.ExecuteNonQueryAsync();
            }

            var options = new DbContextOptionsBuilder<BenchContext>().UseSqlite(connectionString).Options;
            database = new BenchDatabase("SQLite", new PooledDbContextFactory<BenchContext>(options), connectionString, null, file);
        }

        await using var context = await database.Contexts.CreateDbContextAsync();
        await context.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
        return database;
    }

    public ICallStore Store(bool naive) => naive ? new NaiveCallStore(Contexts) : new EntityFrameworkCoreCallStore<BenchContext>(Contexts);

    public async Task<long> CountAsync()
    {
        await using var context = await Contexts.CreateDbContextAsync();
        return await context.Set<AircallCall>().LongCountAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_schema is not null)
        {
            await using var connection = new NpgsqlConnection(_connectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {_schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            SqliteConnection.ClearPool(new SqliteConnection(_connectionString));
            foreach (var path in new[] { _file!, _file + "-wal", _file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }
}
