using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>The insert of the recording archive table for one model: names from the model, values as parameters.</summary>
internal sealed class ArchivesTable
{
    private static readonly ConditionalWeakTable<IModel, ArchivesTable> ByModel = new();

    private ArchivesTable(MappedTable table, StoreDialect dialect)
    {
        Dialect = dialect;
        string Column(string property) => table.Column(property).Column;
        var account = Column(nameof(AircallRecordingArchive.AccountId));
        var call = Column(nameof(AircallRecordingArchive.CallId));
        var kind = Column(nameof(AircallRecordingArchive.Kind));
        // {0}..{7}: EF Core makes each a parameter of the provider.
        Insert = $"""
            INSERT INTO {table.Delimited} ({account}, {call}, {kind}, {Column(nameof(AircallRecordingArchive.Status))}, {Column(nameof(AircallRecordingArchive.Attempts))}, {Column(nameof(AircallRecordingArchive.NextAttemptAt))}, {Column(nameof(AircallRecordingArchive.CreatedAt))}, {Column(nameof(AircallRecordingArchive.UpdatedAt))})
            VALUES ({"{0}"}, {"{1}"}, {"{2}"}, {"{3}"}, {"{4}"}, {"{5}"}, {"{6}"}, {"{7}"})
            ON CONFLICT ({account}, {call}, {kind}) DO NOTHING
            """;
    }

    internal StoreDialect Dialect { get; }

    /// <summary>Adds a pending job unless the key exists: (account, call, kind, status, attempts, next, created, updated).</summary>
    internal string Insert { get; }

    internal static ArchivesTable Of(DbContext context)
    {
        if (context.Model.FindEntityType(typeof(AircallRecordingArchive)) is null)
        {
            throw new InvalidOperationException(
                $"{context.GetType().Name}'s model has no {nameof(AircallRecordingArchive)}: call modelBuilder.ApplyAircallRecordingArchive() in its OnModelCreating, "
                + "then add a migration (dotnet ef migrations add AddAircallRecordingArchive) and apply it, or, in tests, context.Database.EnsureCreated() on a new database.");
        }

        return MappedTable.Of<AircallRecordingArchive, ArchivesTable>(context, ByModel, (table, dialect) => new ArchivesTable(table, dialect));
    }
}
