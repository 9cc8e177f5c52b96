using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>The statements of the OAuth states table for one model: names from the model, values as parameters.</summary>
internal sealed class OAuthStatesTable
{
    private static readonly ConditionalWeakTable<IModel, OAuthStatesTable> ByModel = new();

    private OAuthStatesTable(MappedTable table, StoreDialect dialect)
    {
        Dialect = dialect;
        TableName = table.Name;
        var digest = table.Column(nameof(AircallOAuthState.StateDigest)).Column;
        var expiresAt = table.Column(nameof(AircallOAuthState.ExpiresAt)).Column;
        var (p0, p1) = (dialect.Placeholder(0), dialect.Placeholder(1));
        Add = $"INSERT INTO {table.Delimited} ({digest}, {expiresAt}) VALUES ({p0}, {p1}) ON CONFLICT ({digest}) DO UPDATE SET {expiresAt} = excluded.{expiresAt}";
        var consume = $"DELETE FROM {table.Delimited} WHERE {digest} = {p0} AND {expiresAt} > {p1}";

        // PostgreSQL: the clean-up of expired states rides in the same statement (its rows are disjoint from the consumed
        // one, and the statement's row count is the outer DELETE's). SQLite runs in the process: a second command is free.
        Consume = dialect == StoreDialect.PostgreSql
            ? $"WITH expired AS (DELETE FROM {table.Delimited} WHERE {expiresAt} <= {p1}) {consume}"
            : consume;
        Cleanup = dialect == StoreDialect.PostgreSql ? null : $"DELETE FROM {table.Delimited} WHERE {expiresAt} <= {p0}";
    }

    internal StoreDialect Dialect { get; }

    internal string TableName { get; }

    /// <summary>Remembers a state (digest, expires_at).</summary>
    internal string Add { get; }

    /// <summary>Deletes a state that has not expired (digest, now): one row affected when it was valid.</summary>
    internal string Consume { get; }

    /// <summary>Deletes the expired states (now), where <see cref="Consume"/> does not.</summary>
    internal string? Cleanup { get; }

    internal string ParameterName(int index) => Dialect.ParameterName(index);

    internal static OAuthStatesTable Of(DbContext context)
        => MappedTable.Of<AircallOAuthState, OAuthStatesTable>(context, ByModel, (table, dialect) => new OAuthStatesTable(table, dialect));
}
