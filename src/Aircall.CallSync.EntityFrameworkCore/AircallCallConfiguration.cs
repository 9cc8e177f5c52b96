using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// Maps <see cref="AircallCall"/> to the <c>aircall_calls</c> table: primary key (<c>account_id</c>, <c>call_id</c>), an
/// index on (<c>account_id</c>, <c>started_at</c>), snake_case columns, times in UNIX seconds and the version in UNIX
/// microseconds (64-bit integers, exact on every database), and <c>payload</c>, <c>tags</c> and <c>comments</c> as
/// <c>json</c> on PostgreSQL (text kept exactly as sent) and <c>TEXT</c> on SQLite. Applied by
/// <c>modelBuilder.ApplyAircallCallSync()</c>; apply it yourself with
/// <c>modelBuilder.ApplyConfiguration(new AircallCallConfiguration())</c>, then change what you need (e.g. the table's
/// schema with <c>ToTable</c>, or another index): the store reads table and column names from your model.
/// </summary>
public sealed class AircallCallConfiguration : IEntityTypeConfiguration<AircallCall>
{
    /// <summary>The table's default name.</summary>
    public const string TableName = "aircall_calls";

    /// <inheritdoc/>
    public void Configure(EntityTypeBuilder<AircallCall> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var json = StoreModel.JsonColumnType(builder.Metadata.Model);
        builder.ToTable(TableName);
        builder.HasKey(c => new { c.AccountId, c.CallId });
        builder.HasIndex(c => new { c.AccountId, c.StartedAt });

        builder.Property(c => c.AccountId).HasColumnName("account_id").HasDefaultValue(string.Empty);
        builder.Property(c => c.CallId).HasColumnName("call_id").ValueGeneratedNever();
        builder.Property(c => c.Direction).HasColumnName("direction");
        builder.Property(c => c.Status).HasColumnName("status");
        builder.Property(c => c.StartedAt).HasColumnName("started_at").HasConversion(StoreModel.UnixSeconds);
        builder.Property(c => c.AnsweredAt).HasColumnName("answered_at").HasConversion(StoreModel.UnixSeconds);
        builder.Property(c => c.EndedAt).HasColumnName("ended_at").HasConversion(StoreModel.UnixSeconds);
        builder.Property(c => c.Duration).HasColumnName("duration");
        builder.Property(c => c.MissedCallReason).HasColumnName("missed_call_reason");
        builder.Property(c => c.IsMissed).HasColumnName("is_missed");
        builder.Property(c => c.InCallDuration).HasColumnName("in_call_duration");
        builder.Property(c => c.RawDigits).HasColumnName("raw_digits");
        builder.Property(c => c.UserId).HasColumnName("user_id");
        builder.Property(c => c.NumberId).HasColumnName("number_id");
        builder.Property(c => c.Archived).HasColumnName("archived");
        Json(builder.Property(c => c.Tags).HasColumnName("tags"), json);
        Json(builder.Property(c => c.Comments).HasColumnName("comments"), json);
        builder.Property(c => c.Version).HasColumnName("version").HasConversion(StoreModel.UnixMicroseconds);
        Json(builder.Property(c => c.Payload).HasColumnName("payload"), json);
        builder.Property(c => c.ContactId).HasColumnName("contact_id");
        builder.Property(c => c.ContactName).HasColumnName("contact_name");
        builder.PrimitiveCollection(c => c.TeamIds).HasColumnName("team_ids").IsRequired();
        builder.Property(c => c.AssignedToId).HasColumnName("assigned_to_id");
        builder.Property(c => c.TransferredById).HasColumnName("transferred_by_id");
        builder.Property(c => c.TransferredToId).HasColumnName("transferred_to_id");
        builder.Property(c => c.HangupCause).HasColumnName("hangup_cause");
        builder.Property(c => c.HasRecording).HasColumnName("has_recording");
        builder.Property(c => c.HasVoicemail).HasColumnName("has_voicemail");
        builder.Property(c => c.Asset).HasColumnName("asset");
    }

    private static void Json(PropertyBuilder<string> property, string? columnType)
    {
        property.IsRequired();
        if (columnType is not null)
        {
            property.HasColumnType(columnType);
        }
    }
}
