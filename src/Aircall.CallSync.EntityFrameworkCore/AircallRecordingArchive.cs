using Aircall.CallSync.Recordings;

namespace Aircall.CallSync.EntityFrameworkCore;

/// <summary>
/// A recording archive job as the <c>aircall_recording_archives</c> table holds it, written by
/// <see cref="EntityFrameworkCoreRecordingArchiveStore{TContext}"/>: query it with LINQ to see what was archived, what had
/// no audio and what failed, and why. It never holds a signed link.
/// </summary>
public sealed class AircallRecordingArchive
{
    /// <summary>The account (<c>""</c> for an application that serves one).</summary>
    public string AccountId { get; set; } = string.Empty;

    /// <summary>The call's id.</summary>
    public long CallId { get; set; }

    /// <summary>Recording or voicemail (<c>recording</c>, <c>voicemail</c> in the database).</summary>
    public RecordingKind Kind { get; set; }

    /// <summary>Pending or the outcome (<c>pending</c>, <c>archived</c>, <c>no_audio</c>, <c>failed</c> in the database).</summary>
    public RecordingArchiveStatus Status { get; set; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>When a pending job is due (UTC; UNIX milliseconds in the database).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>When the job was queued (UTC; UNIX milliseconds).</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the job last changed (UTC; UNIX milliseconds).</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The archived file's size in bytes.</summary>
    public long? Bytes { get; set; }

    /// <summary>The archived file's SHA-256, lower-case hex.</summary>
    public string? Sha256 { get; set; }

    /// <summary>Where the sink put the file.</summary>
    public string? Location { get; set; }

    /// <summary>Why the last attempt failed, or why the job failed or had no audio.</summary>
    public string? Reason { get; set; }
}
