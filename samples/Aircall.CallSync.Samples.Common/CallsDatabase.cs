using System.Data.Common;
using Aircall.CallSync.EntityFrameworkCore;
using Aircall.CallSync.Samples.Storage;
using Aircall.CallSync.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Aircall.CallSync.Samples.Common;

/// <summary>
/// The database a sample stores calls in, chosen by <c>ConnectionStrings:Calls</c>: a PostgreSQL connection string
/// (<c>Host=...;Database=...;Username=...;Password=...</c>) uses the EF Core store (<c>Aircall.CallSync.EntityFrameworkCore</c>)
/// on it; a SQLite one (<c>Data Source=calls.db</c>), or none, uses <see cref="SqliteCallStore"/>, which needs no set-up.
/// </summary>
public sealed class CallsDatabase : IDisposable
{
    /// <summary>What <see cref="Choose"/> accepts, for the message of a connection string that names neither.</summary>
    public const string Accepted =
        "Accepted: SQLite, \"Data Source=calls.db\" (the default: a file, no set-up), "
        + "or PostgreSQL, \"Host=127.0.0.1;Database=calls;Username=calls;Password=...\" (the EF Core store).";

    private readonly SqliteCallStore? _sqlite;
    private readonly PooledDbContextFactory<SampleCallsContext>? _contexts;
    private readonly EntityFrameworkCoreCallStore<SampleCallsContext>? _efStore;

    private CallsDatabase(SqliteCallStore sqlite)
    {
        _sqlite = sqlite;
        Calls = sqlite;
        Checkpoints = new SqliteCheckpointStore(sqlite);
        Name = Path.GetFullPath(sqlite.DataSource);
    }

    private CallsDatabase(NpgsqlConnectionStringBuilder postgres)
    {
        var options = new DbContextOptionsBuilder<SampleCallsContext>().UseNpgsql(postgres.ConnectionString).Options;
        _contexts = new PooledDbContextFactory<SampleCallsContext>(options);
        _efStore = new EntityFrameworkCoreCallStore<SampleCallsContext>(_contexts);
        Calls = _efStore;
        Checkpoints = new EntityFrameworkCoreCheckpointStore<SampleCallsContext>(_contexts);
        Name = $"the PostgreSQL database '{postgres.Database}' on {postgres.Host}:{postgres.Port}"; // never the password
    }

    /// <summary>The call store: give it to <c>AddAircallCallSync</c>'s webhooks or to <c>CallSyncRunner</c>.</summary>
    public ICallStore Calls { get; }

    /// <summary>Where the batch sample keeps its checkpoints: the same database.</summary>
    public ICheckpointStore Checkpoints { get; }

    /// <summary>The database, for the console: the SQLite file's full path, or PostgreSQL's database, host and port.</summary>
    public string Name { get; }

    /// <summary>The SQLite store, or <c>null</c> on PostgreSQL (to name the file when it is locked).</summary>
    public SqliteCallStore? Sqlite => _sqlite;

    /// <summary>
    /// The database <c>ConnectionStrings:Calls</c> names, or, when it is not set, <c>Data Source=calls.db</c>
    /// (<paramref name="demoDatabase"/> in demo mode). Returns <c>null</c>, with <paramref name="error"/> saying what is
    /// accepted, for a connection string that names neither SQLite nor PostgreSQL.
    /// </summary>
    /// <param name="configuration">The sample's configuration.</param>
    /// <param name="demo">Whether the sample runs its demo.</param>
    /// <param name="demoDatabase">The demo's SQLite file, e.g. <c>batch-demo.db</c>.</param>
    /// <param name="error">Why the connection string is refused (never the connection string: it may hold a password).</param>
    public static CallsDatabase? Choose(IConfiguration configuration, bool demo, string demoDatabase, out string? error)
    {
        var connectionString = DemoMode.CallsConnectionString(configuration, demo, demoDatabase);
        return ProviderOf(connectionString, out error) switch
        {
            CallsDatabaseProvider.PostgreSql => new CallsDatabase(new NpgsqlConnectionStringBuilder(connectionString)),
            CallsDatabaseProvider.Sqlite => new CallsDatabase(new SqliteCallStore(connectionString)),
            _ => null,
        };
    }

    /// <summary>
    /// Which database <paramref name="connectionString"/> names: PostgreSQL (it has a <c>Host</c>) or SQLite (a
    /// <c>Data Source</c> and only SQLite's keys). Returns <c>null</c>, with <paramref name="error"/> saying what is
    /// accepted, for one that names neither or that Npgsql refuses. For samples with a DbContext of their own.
    /// </summary>
    /// <param name="connectionString">The connection string, e.g. the value of <c>ConnectionStrings:Calls</c>.</param>
    /// <param name="error">Why it is refused (never the connection string: it may hold a password).</param>
    public static CallsDatabaseProvider? ProviderOf(string connectionString, out string? error)
    {
        error = null;
        var keys = new DbConnectionStringBuilder();
        try
        {
            keys.ConnectionString = connectionString;
        }
        catch (ArgumentException)
        {
            error = "ConnectionStrings:Calls cannot be read as a connection string. " + Accepted;
            return null;
        }

        if (keys.ContainsKey("Host"))
        {
            try
            {
                _ = new NpgsqlConnectionStringBuilder(connectionString);
                return CallsDatabaseProvider.PostgreSql;
            }
            catch (ArgumentException exception)
            {
                error = $"ConnectionStrings:Calls names a PostgreSQL host but Npgsql refuses it ({exception.Message}). " + Accepted;
                return null;
            }
        }

        if (keys.ContainsKey("Data Source") && keys.Count == keys.Keys.Cast<string>().Count(IsSqliteKey))
        {
            return CallsDatabaseProvider.Sqlite;
        }

        error = "ConnectionStrings:Calls names neither SQLite nor PostgreSQL. " + Accepted;
        return null;
    }

    /// <summary>
    /// How a sample names the database of <paramref name="connectionString"/> on the console: the SQLite file's full
    /// path, or PostgreSQL's database, host and port (never the password).
    /// </summary>
    /// <param name="connectionString">A connection string <see cref="ProviderOf"/> accepted.</param>
    public static string DisplayName(string connectionString)
    {
        if (ProviderOf(connectionString, out _) == CallsDatabaseProvider.PostgreSql)
        {
            var postgres = new NpgsqlConnectionStringBuilder(connectionString);
            return $"the PostgreSQL database '{postgres.Database}' on {postgres.Host}:{postgres.Port}";
        }

        return Path.GetFullPath(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource);
    }

    /// <summary>
    /// Creates the tables on first run. On PostgreSQL a sample does it as <c>EnsureCreated</c> would (plus when the
    /// database already holds other tables); in production, apply migrations instead (docs/entity-framework-core.md).
    /// SQLite's store creates its table itself. Throws a <see cref="CallStoreException"/> when PostgreSQL cannot be reached.
    /// </summary>
    /// <param name="cancellationToken">Cancels it.</param>
    public async Task CreateTablesOnFirstRunAsync(CancellationToken cancellationToken = default)
    {
        if (_contexts is null)
        {
            return;
        }

        await using var context = await _contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await context.Database.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false); // a new, empty database
            try
            {
                await context.Set<AircallCall>().AnyAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                await context.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when ((exception as NpgsqlException ?? exception.InnerException as NpgsqlException) is { } npgsql)
        {
            // EF Core wraps a failed connection in an InvalidOperationException ("likely due to a transient failure").
            throw new CallStoreException($"Cannot create the Aircall tables in {Name}: is the server running, and do the host, port, database and credentials of ConnectionStrings:Calls match it? ({npgsql.Message})");
        }
    }

    /// <summary>A call of an account (<c>null</c>: without an account), or <c>null</c> when it is not stored.</summary>
    /// <param name="accountId">The account, or <c>null</c>.</param>
    /// <param name="callId">The call id.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    public Task<StoredCall?> FindAsync(string? accountId, long callId, CancellationToken cancellationToken = default) =>
        _sqlite is not null ? _sqlite.FindAsync(accountId, callId, cancellationToken) : _efStore!.FindAsync(accountId, callId, cancellationToken);

    /// <summary>The <paramref name="limit"/> most recently started calls, newest first.</summary>
    /// <param name="limit">How many.</param>
    /// <param name="cancellationToken">Cancels it.</param>
    public async Task<IReadOnlyList<StoredCall>> ListRecentAsync(int limit, CancellationToken cancellationToken = default)
    {
        if (_sqlite is not null)
        {
            return await _sqlite.ListRecentAsync(limit, cancellationToken).ConfigureAwait(false);
        }

        await using var context = await _contexts!.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var rows = await context.Set<AircallCall>().AsNoTracking()
            .OrderByDescending(c => c.StartedAt).ThenByDescending(c => c.CallId).ThenBy(c => c.AccountId)
            .Take(limit)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(row => row.ToStoredCall())];
    }

    /// <summary>Totals over the stored calls.</summary>
    /// <param name="cancellationToken">Cancels it.</param>
    public async Task<CallStoreSummary> SummarizeAsync(CancellationToken cancellationToken = default)
    {
        if (_sqlite is not null)
        {
            return await _sqlite.SummarizeAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var context = await _contexts!.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
        var calls = context.Set<AircallCall>().AsNoTracking();
        var count = await calls.LongCountAsync(cancellationToken).ConfigureAwait(false);
        var missed = await calls.LongCountAsync(c => c.IsMissed, cancellationToken).ConfigureAwait(false);
        var talk = await calls.Where(c => c.InCallDuration != null).AverageAsync(c => (double?)c.InCallDuration, cancellationToken).ConfigureAwait(false);
        return new CallStoreSummary(count, missed, talk is { } seconds ? TimeSpan.FromSeconds(Math.Round(seconds)) : null);
    }

    /// <inheritdoc />
    public void Dispose() => _sqlite?.Dispose(); // the pooled contexts hold no connection between operations

    private static bool IsSqliteKey(string key) => new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder().ContainsKey(key);

    /// <summary>The sample's context: only the Aircall tables (<c>modelBuilder.ApplyAircallCallSync()</c>).</summary>
    private sealed class SampleCallsContext(DbContextOptions<SampleCallsContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyAircallCallSync();
    }
}
