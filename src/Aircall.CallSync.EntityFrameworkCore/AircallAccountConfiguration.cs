using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// Maps <see cref="AircallAccountEntity"/> to the <c>aircall_accounts</c> table: <c>account_id</c> (primary key),
/// snake_case columns, <c>status</c> as its number, times in UNIX microseconds (64-bit integers), and a unique index on
/// <c>webhook_token_digest</c> (<c>bytea</c> on PostgreSQL, <c>BLOB</c> on SQLite), which maps a webhook delivery to its
/// account in one index lookup. Applied by <c>modelBuilder.ApplyAircallCallSync()</c>.
/// </summary>
public sealed class AircallAccountConfiguration : IEntityTypeConfiguration<AircallAccountEntity>
{
    /// <summary>The table's default name.</summary>
    public const string TableName = "aircall_accounts";

    /// <inheritdoc/>
    public void Configure(EntityTypeBuilder<AircallAccountEntity> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(a => a.AccountId);
        builder.HasIndex(a => a.WebhookTokenDigest).IsUnique();
        builder.Property(a => a.AccountId).HasColumnName("account_id");
        builder.Property(a => a.CompanyId).HasColumnName("company_id");
        builder.Property(a => a.Name).HasColumnName("name");
        builder.Property(a => a.Status).HasColumnName("status");
        builder.Property(a => a.ProtectedAccessToken).HasColumnName("protected_access_token");
        builder.Property(a => a.WebhookId).HasColumnName("webhook_id");
        builder.Property(a => a.WebhookTokenDigest).HasColumnName("webhook_token_digest");
        builder.Property(a => a.InstalledAt).HasColumnName("installed_at").HasConversion(StoreModel.UnixMicroseconds);
        builder.Property(a => a.UpdatedAt).HasColumnName("updated_at").HasConversion(StoreModel.UnixMicroseconds);
        builder.Property(a => a.LastWebhookAt).HasColumnName("last_webhook_at").HasConversion(StoreModel.UnixMicroseconds);
        builder.Property(a => a.LastSyncAt).HasColumnName("last_sync_at").HasConversion(StoreModel.UnixMicroseconds);
        builder.Property(a => a.NextSyncAt).HasColumnName("next_sync_at").HasConversion(StoreModel.UnixMicroseconds);
        builder.Property(a => a.CallsSynced).HasColumnName("calls_synced");
        builder.Property(a => a.LastError).HasColumnName("last_error");
        builder.Property(a => a.LastErrorAt).HasColumnName("last_error_at").HasConversion(StoreModel.UnixMicroseconds);
    }
}
