using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// Maps <see cref="AircallOAuthState"/> to the <c>aircall_oauth_states</c> table: <c>state_digest</c> (primary key) and
/// <c>expires_at</c> in UNIX microseconds, with an index on it for the clean-up of expired states. Applied by
/// <c>modelBuilder.ApplyAircallCallSync()</c>.
/// </summary>
public sealed class AircallOAuthStateConfiguration : IEntityTypeConfiguration<AircallOAuthState>
{
    /// <summary>The table's default name.</summary>
    public const string TableName = "aircall_oauth_states";

    /// <inheritdoc/>
    public void Configure(EntityTypeBuilder<AircallOAuthState> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(s => s.StateDigest);
        builder.HasIndex(s => s.ExpiresAt);
        builder.Property(s => s.StateDigest).HasColumnName("state_digest");
        builder.Property(s => s.ExpiresAt).HasColumnName("expires_at").HasConversion(StoreModel.UnixMicroseconds);
    }
}
