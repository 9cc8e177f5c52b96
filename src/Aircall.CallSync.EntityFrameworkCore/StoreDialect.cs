using System.Globalization;
using Microsoft.EntityFrameworkCore;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>The SQL dialects the store writes: the database providers it supports and is tested against.</summary>
internal enum StoreDialect
{
    /// <summary>PostgreSQL through Npgsql.EntityFrameworkCore.PostgreSQL.</summary>
    PostgreSql = 1,

    /// <summary>SQLite through Microsoft.EntityFrameworkCore.Sqlite.</summary>
    Sqlite = 2,
}

/// <summary>Tells the dialect of a context's provider, or refuses the provider.</summary>
internal static class StoreDialects
{
    internal const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";
    internal const string SqliteProvider = "Microsoft.EntityFrameworkCore.Sqlite";

    /// <summary>The placeholder of parameter <paramref name="index"/> (0-based) of a statement: PostgreSQL's positional <c>$1</c>, SQLite's <c>@p0</c>.</summary>
    internal static string Placeholder(this StoreDialect dialect, int index)
        => dialect == StoreDialect.PostgreSql
            ? "$" + (index + 1).ToString(CultureInfo.InvariantCulture)
            : "@p" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The name a parameter of <paramref name="index"/> takes: none for PostgreSQL's positional parameters.</summary>
    internal static string ParameterName(this StoreDialect dialect, int index)
        => dialect == StoreDialect.PostgreSql ? string.Empty : "@p" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The dialect of <paramref name="context"/>'s provider.</summary>
    /// <exception cref="NotSupportedException">Another provider: the message names the supported ones.</exception>
    internal static StoreDialect Of(DbContext context)
    {
        var provider = context.Database.ProviderName;
        return provider switch
        {
            NpgsqlProvider => StoreDialect.PostgreSql,
            SqliteProvider => StoreDialect.Sqlite,
            _ => throw new NotSupportedException(
                $"The Aircall EF Core call store supports PostgreSQL ({NpgsqlProvider}) and SQLite ({SqliteProvider}); "
                + $"{context.GetType().Name} uses '{provider ?? "no provider"}'. Its write is a conditional upsert in each database's own SQL, "
                + "tested against a real server: for another database, implement ICallStore with that database's conditional upsert "
                + "(see docs/entity-framework-core.md, 'SQL Server and MySQL')."),
        };
    }
}
