using Aircall.CallSync.EntityFrameworkCore;
using Aircall.CallSync.Samples.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Aircall.CallSync.Samples.Partner;

/// <summary>
/// The database of the app, chosen by <c>ConnectionStrings:Calls</c> as in the other samples (SQLite by default,
/// PostgreSQL for a <c>Host=...</c> connection string), and what the accounts page reads from it.
/// </summary>
internal sealed class PartnerDatabase(CallsDatabaseProvider provider, string connectionString)
{
    public CallsDatabaseProvider Provider { get; } = provider;

    /// <summary>For the console: the SQLite file, or PostgreSQL's database, host and port (never the password).</summary>
    public string Name { get; } = CallsDatabase.DisplayName(connectionString);

    /// <summary>
    /// <c>ConnectionStrings:Calls</c>, or <c>Data Source=partner.db</c> (<c>partner-demo.db</c> in demo mode, so that
    /// simulated accounts never mix with real ones). <c>null</c>, with <paramref name="error"/>, when it names neither
    /// SQLite nor PostgreSQL.
    /// </summary>
    public static PartnerDatabase? Choose(IConfiguration configuration, bool demo, out string? error)
    {
        var configured = configuration.GetConnectionString("Calls") is { Length: > 0 } value ? value : null;
        var connectionString = configured ?? $"Data Source={(demo ? DemoFile : "partner.db")}";
        return CallsDatabase.ProviderOf(connectionString, out error) is { } provider
            ? new PartnerDatabase(provider, connectionString) { IsDemoFile = demo && configured is null }
            : null;
    }

    /// <summary>The demo's own SQLite file, when no connection string is configured.</summary>
    public const string DemoFile = "partner-demo.db";

    /// <summary>Whether this is the demo's own file, which each demo run starts afresh.</summary>
    public bool IsDemoFile { get; private init; }

    /// <summary>Deletes the demo's own file (never a configured database), so that the demo's accounts match its new simulator.</summary>
    public void DeleteDemoFile()
    {
        if (IsDemoFile)
        {
            foreach (var suffix in (string[])["", "-wal", "-shm"])
            {
                File.Delete(Path.GetFullPath(DemoFile + suffix));
            }
        }
    }

    /// <summary>Points a context at this database.</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        if (Provider == CallsDatabaseProvider.PostgreSql)
        {
            options.UseNpgsql(connectionString);
        }
        else
        {
            // A busy timeout: the webhook endpoint and the syncs write at the same time (the store serializes its own
            // writes; this covers the page's reads and other processes).
            var sqlite = new SqliteConnectionStringBuilder(connectionString);
            if (!sqlite.ContainsKey("Default Timeout"))
            {
                sqlite.DefaultTimeout = 30;
            }

            options.UseSqlite(sqlite.ConnectionString);
        }
    }

    /// <summary>
    /// Creates the tables on first run, as <c>EnsureCreated</c> would, also in a database that already holds other
    /// tables (another sample's). In production, apply migrations instead (docs/entity-framework-core.md). Throws a
    /// <see cref="CallStoreException"/> naming the database when it cannot be reached.
    /// </summary>
    public async Task CreateTablesOnFirstRunAsync(IDbContextFactory<PartnerDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            if (await context.Database.EnsureCreatedAsync(cancellationToken))
            {
                return; // a new database, or one without tables
            }

            var missing = 0;
            var tables = 0;
            foreach (var probe in TableProbes(context))
            {
                tables++;
                if (!await ExistsAsync(probe, cancellationToken))
                {
                    missing++;
                }
            }

            if (missing == tables)
            {
                await context.GetService<IRelationalDatabaseCreator>().CreateTablesAsync(cancellationToken);
            }
            else if (missing > 0)
            {
                throw new CallStoreException(
                    $"{Name} holds some of the Aircall tables but not all (from an older version?): apply the EF Core migrations of your app, or point ConnectionStrings:Calls at another database.");
            }
        }
        catch (Exception exception) when ((exception as NpgsqlException ?? exception.InnerException as NpgsqlException) is { } npgsql)
        {
            throw new CallStoreException($"Cannot create the Aircall tables in {Name}: is the server running, and do the host, port, database and credentials of ConnectionStrings:Calls match it? ({npgsql.Message})");
        }
    }

    /// <summary>Calls stored per account id, from the calls table.</summary>
    public static async Task<Dictionary<string, long>> CountCallsByAccountAsync(IDbContextFactory<PartnerDbContext> contexts, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await context.Set<AircallCall>().AsNoTracking()
            .GroupBy(call => call.AccountId)
            .Select(group => new { AccountId = group.Key, Calls = group.LongCount() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(count => count.AccountId, count => count.Calls, StringComparer.Ordinal);
    }

    /// <summary>One cheap query per table of the model.</summary>
    private static IEnumerable<Func<CancellationToken, Task>> TableProbes(PartnerDbContext context)
    {
        yield return token => context.Set<AircallCall>().AnyAsync(token);
        yield return token => context.Set<AircallSyncCheckpoint>().AnyAsync(token);
        yield return token => context.Set<AircallAccountEntity>().AnyAsync(token);
        yield return token => context.Set<AircallOAuthState>().AnyAsync(token);
    }

    private static async Task<bool> ExistsAsync(Func<CancellationToken, Task> probe, CancellationToken cancellationToken)
    {
        try
        {
            await probe(cancellationToken);
            return true;
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return false;
        }
        catch (SqliteException exception) when (exception.SqliteErrorCode == 1 && exception.Message.Contains("no such table", StringComparison.Ordinal))
        {
            return false;
        }
    }
}
