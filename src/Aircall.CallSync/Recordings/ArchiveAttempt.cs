namespace Aircall.CallSync.Recordings;

/// <summary>What one attempt at a job came to.</summary>
internal readonly record struct ArchiveAttempt(ArchiveAttemptKind Kind, string Reason, long Bytes = 0, string? Sha256 = null, string? Location = null)
{
    internal static ArchiveAttempt Archived(long bytes, string sha256, string location) => new(ArchiveAttemptKind.Archived, "Archived.", bytes, sha256, location);

    internal static ArchiveAttempt NoAudio(string reason) => new(ArchiveAttemptKind.NoAudio, reason);

    internal static ArchiveAttempt Retry(string reason) => new(ArchiveAttemptKind.Retry, reason);

    /// <summary>A link refused by storage (403, 404, 410) or expired: a fresh one may work.</summary>
    internal static ArchiveAttempt Refused(string reason) => new(ArchiveAttemptKind.Refused, reason);

    internal static ArchiveAttempt Failed(string reason) => new(ArchiveAttemptKind.Failed, reason);
}

/// <summary>The kinds of <see cref="ArchiveAttempt"/>.</summary>
internal enum ArchiveAttemptKind
{
    Archived,
    NoAudio,
    Retry,
    Refused,
    Failed,
}
