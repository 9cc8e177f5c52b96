namespace Aircall.CallSync.Recordings;

/// <summary>
/// One recording or voicemail to archive, and what became of it, as an <see cref="IRecordingArchiveStore"/> keeps it. It
/// never holds the signed link: links expire within minutes, so the archiver asks Aircall for a fresh one when it has
/// none in memory.
/// </summary>
public sealed class RecordingArchiveJob
{
    /// <summary>Creates a pending job, due at once.</summary>
    /// <param name="key">What to archive.</param>
    /// <param name="createdAt">When it was queued.</param>
    public RecordingArchiveJob(RecordingArchiveKey key, DateTimeOffset createdAt)
    {
        Key = key;
        CreatedAt = createdAt;
        UpdatedAt = createdAt;
        NextAttemptAt = createdAt;
    }

    /// <summary>The account, call and kind.</summary>
    public RecordingArchiveKey Key { get; }

    /// <summary>Pending, or the outcome.</summary>
    public RecordingArchiveStatus Status { get; set; }

    /// <summary>Attempts made so far (a re-fetch of an expired or refused link within an attempt is part of it).</summary>
    public int Attempts { get; set; }

    /// <summary>
    /// When a pending job is due: its next attempt after a failure (backoff), or the end of the lease of the worker that
    /// holds it (so another worker, or the next process after a crash, takes it then).
    /// </summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>When the job was queued.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When the job last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The archived file's size in bytes, once <see cref="RecordingArchiveStatus.Archived"/>.</summary>
    public long? Bytes { get; set; }

    /// <summary>The archived file's SHA-256, lower-case hex, once <see cref="RecordingArchiveStatus.Archived"/>.</summary>
    public string? Sha256 { get; set; }

    /// <summary>Where the sink put the file (a path, an object key), as its commit returned it.</summary>
    public string? Location { get; set; }

    /// <summary>
    /// Why the last attempt failed (for a pending job that will retry), or why the job is
    /// <see cref="RecordingArchiveStatus.Failed"/> or <see cref="RecordingArchiveStatus.NoAudio"/>. Names status codes
    /// and hosts, never a signed link.
    /// </summary>
    public string? Reason { get; set; }

    /// <summary>A copy, so a queue can hand out jobs without sharing its own instances.</summary>
    public RecordingArchiveJob Clone() => (RecordingArchiveJob)MemberwiseClone();

    /// <summary>Names the job and its status.</summary>
    public override string ToString() => $"{Key}: {Status} after {Attempts} attempt(s)";
}
