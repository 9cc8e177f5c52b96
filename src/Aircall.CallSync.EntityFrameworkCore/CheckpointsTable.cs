using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>The upsert of the checkpoints table for one model: names from the model, values as parameters.</summary>
internal sealed class CheckpointsTable
{
    private static readonly ConditionalWeakTable<IModel, CheckpointsTable> ByModel = new();

    private CheckpointsTable(MappedTable table, StoreDialect dialect)
    {
        Dialect = dialect;
        TableName = table.Name;
        string Column(string property) => table.Column(property).Column;
        var name = Column(nameof(AircallSyncCheckpoint.Name));
        var checkpoint = Column(nameof(AircallSyncCheckpoint.Checkpoint));
        var savedAt = Column(nameof(AircallSyncCheckpoint.SavedAt));
        var (p0, p1, p2) = (dialect.Placeholder(0), dialect.Placeholder(1), dialect.Placeholder(2));
        Upsert = $"""
            INSERT INTO {table.Delimited} ({name}, {checkpoint}, {savedAt}) VALUES ({p0}, {p1}, {p2})
            ON CONFLICT ({name}) DO UPDATE SET {checkpoint} = excluded.{checkpoint}, {savedAt} = excluded.{savedAt}
            """;
    }

    internal StoreDialect Dialect { get; }

    internal string TableName { get; }

    /// <summary>Saves (name, checkpoint, saved_at in UNIX seconds).</summary>
    internal string Upsert { get; }

    /// <summary>The parameter name of parameter <paramref name="index"/>: none for PostgreSQL's positional parameters.</summary>
    internal string ParameterName(int index) => Dialect.ParameterName(index);

    internal static CheckpointsTable Of(DbContext context)
        => MappedTable.Of<AircallSyncCheckpoint, CheckpointsTable>(context, ByModel, (table, dialect) => new CheckpointsTable(table, dialect));
}
