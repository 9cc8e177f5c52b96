using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>The upsert of the checkpoints table for one model: names from the model, values as parameters.</summary>
internal sealed class CheckpointsTable
{
    private static readonly ConditionalWeakTable<IModel, CheckpointsTable> ByModel = new();

    private CheckpointsTable(DbContext context, StoreDialect dialect, IEntityType entityType)
    {
        Dialect = dialect;
        var sql = context.GetService<ISqlGenerationHelper>();
        var tableName = entityType.GetTableName()
            ?? throw new InvalidOperationException($"{nameof(AircallSyncCheckpoint)} is not mapped to a table in {context.GetType().Name}'s model.");
        var schema = entityType.GetSchema();
        TableName = schema is null ? tableName : schema + "." + tableName;
        var table = StoreObjectIdentifier.Table(tableName, schema);
        string Column(string property) => sql.DelimitIdentifier(entityType.FindProperty(property)?.GetColumnName(table)
            ?? throw new InvalidOperationException($"{nameof(AircallSyncCheckpoint)}.{property} has no column in the table {TableName}."));
        var name = Column(nameof(AircallSyncCheckpoint.Name));
        var checkpoint = Column(nameof(AircallSyncCheckpoint.Checkpoint));
        var savedAt = Column(nameof(AircallSyncCheckpoint.SavedAt));
        var (p0, p1, p2) = dialect == StoreDialect.PostgreSql ? ("$1", "$2", "$3") : ("@p0", "@p1", "@p2");
        Upsert = $"""
            INSERT INTO {sql.DelimitIdentifier(tableName, schema)} ({name}, {checkpoint}, {savedAt}) VALUES ({p0}, {p1}, {p2})
            ON CONFLICT ({name}) DO UPDATE SET {checkpoint} = excluded.{checkpoint}, {savedAt} = excluded.{savedAt}
            """;
    }

    internal StoreDialect Dialect { get; }

    internal string TableName { get; }

    /// <summary>Saves (name, checkpoint, saved_at in UNIX seconds).</summary>
    internal string Upsert { get; }

    /// <summary>The parameter name of parameter <paramref name="index"/>: none for PostgreSQL's positional parameters.</summary>
    internal string ParameterName(int index) => Dialect == StoreDialect.PostgreSql ? string.Empty : "@p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static CheckpointsTable Of(DbContext context)
    {
        var dialect = StoreDialects.Of(context);
        var model = context.Model;
        if (ByModel.TryGetValue(model, out var known))
        {
            return known;
        }

        var entityType = model.FindEntityType(typeof(AircallSyncCheckpoint)) ?? throw CallsTable.MissingEntity(context, nameof(AircallSyncCheckpoint));
        return ByModel.GetValue(model, _ => new CheckpointsTable(context, dialect, entityType));
    }
}
