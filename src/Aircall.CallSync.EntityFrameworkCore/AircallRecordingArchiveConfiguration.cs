using Aircall.CallSync.Recordings;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// Maps <see cref="AircallRecordingArchive"/> to the <c>aircall_recording_archives</c> table: primary key
/// (<c>account_id</c>, <c>call_id</c>, <c>kind</c>), an index on (<c>status</c>, <c>next_attempt_at</c>) for the worker's
/// due-job query, snake_case columns, kinds and statuses as lower-case text, times in UNIX milliseconds. Applied by
/// <c>modelBuilder.ApplyAircallRecordingArchive()</c>.
/// </summary>
public sealed class AircallRecordingArchiveConfiguration : IEntityTypeConfiguration<AircallRecordingArchive>
{
    /// <summary>The table's default name.</summary>
    public const string TableName = "aircall_recording_archives";

    private static readonly ValueConverter<DateTimeOffset, long> UnixMilliseconds = new(
        value => value.ToUnixTimeMilliseconds(),
        value => DateTimeOffset.FromUnixTimeMilliseconds(value));

    private static readonly ValueConverter<RecordingKind, string> KindText = new(
        value => value == RecordingKind.Voicemail ? "voicemail" : "recording",
        value => value == "voicemail" ? RecordingKind.Voicemail : RecordingKind.Recording);

    private static readonly ValueConverter<RecordingArchiveStatus, string> StatusText = new(
        value => value == RecordingArchiveStatus.Archived ? "archived"
            : value == RecordingArchiveStatus.NoAudio ? "no_audio"
            : value == RecordingArchiveStatus.Failed ? "failed"
            : "pending",
        value => value == "archived" ? RecordingArchiveStatus.Archived
            : value == "no_audio" ? RecordingArchiveStatus.NoAudio
            : value == "failed" ? RecordingArchiveStatus.Failed
            : RecordingArchiveStatus.Pending);

    /// <inheritdoc/>
    public void Configure(EntityTypeBuilder<AircallRecordingArchive> builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ToTable(TableName);
        builder.HasKey(a => new { a.AccountId, a.CallId, a.Kind });
        builder.HasIndex(a => new { a.Status, a.NextAttemptAt });
        builder.Property(a => a.AccountId).HasColumnName("account_id").HasMaxLength(200);
        builder.Property(a => a.CallId).HasColumnName("call_id").ValueGeneratedNever();
        builder.Property(a => a.Kind).HasColumnName("kind").HasConversion(KindText).HasMaxLength(16);
        builder.Property(a => a.Status).HasColumnName("status").HasConversion(StatusText).HasMaxLength(16);
        builder.Property(a => a.Attempts).HasColumnName("attempts");
        builder.Property(a => a.NextAttemptAt).HasColumnName("next_attempt_at").HasConversion(UnixMilliseconds);
        builder.Property(a => a.CreatedAt).HasColumnName("created_at").HasConversion(UnixMilliseconds);
        builder.Property(a => a.UpdatedAt).HasColumnName("updated_at").HasConversion(UnixMilliseconds);
        builder.Property(a => a.Bytes).HasColumnName("bytes");
        builder.Property(a => a.Sha256).HasColumnName("sha256").HasMaxLength(64);
        builder.Property(a => a.Location).HasColumnName("location");
        builder.Property(a => a.Reason).HasColumnName("reason");
    }
}
