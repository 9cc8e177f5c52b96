using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// Maps <see cref="AircallSyncCheckpoint"/> to the <c>aircall_sync_checkpoints</c> table: <c>name</c> (primary key),
/// <c>checkpoint</c>, and <c>saved_at</c> in UNIX seconds. Applied by <c>modelBuilder.ApplyAircallCallSync()</c>.
/// </summary>
public sealed class AircallSyncCheckpointConfiguration : IEntityTypeConfiguration<AircallSyncCheckpoint>
{
    /// <summary>The table's default name.</summary>
    public const string TableName = "aircall_sync_checkpoints";

    /// <inheritdoc/>
    public void Configure(EntityTypeBuilder<AircallSyncCheckpoint> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasColumnName("name");
        builder.Property(c => c.Checkpoint).HasColumnName("checkpoint");
        builder.Property(c => c.SavedAt).HasColumnName("saved_at").HasConversion(StoreModel.UnixSeconds);
    }
}
