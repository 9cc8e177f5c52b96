using Aircall.CallSync.EntityFrameworkCore;

namespace Microsoft.EntityFrameworkCore;

/// <summary>Adds the recording archiver's table to your EF Core model.</summary>
public static class AircallRecordingArchiveModelBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="AircallRecordingArchive"/> (table <c>aircall_recording_archives</c>) to the model, for
    /// <c>AddEntityFrameworkCoreRecordingArchive&lt;TContext&gt;()</c>. Call it in <c>OnModelCreating</c>, next to
    /// <c>ApplyAircallCallSync()</c>, then add a migration.
    /// </summary>
    /// <param name="modelBuilder">The builder of your context's model.</param>
    /// <returns>The same builder.</returns>
    public static ModelBuilder ApplyAircallRecordingArchive(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        return modelBuilder.ApplyConfiguration(new AircallRecordingArchiveConfiguration());
    }
}
