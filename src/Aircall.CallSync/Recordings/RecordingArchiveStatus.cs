namespace Aircall.CallSync.Recordings;

/// <summary>Where an archive job stands: its outcome once it is no longer <see cref="Pending"/>.</summary>
public enum RecordingArchiveStatus
{
    /// <summary>Waiting for its (next) attempt, at <see cref="RecordingArchiveJob.NextAttemptAt"/>.</summary>
    Pending = 0,

    /// <summary>The audio is in the sink, committed, with its size and SHA-256. Never downloaded again.</summary>
    Archived = 1,

    /// <summary>Aircall has no such audio for the call any more (the link is gone from the call, or the call is); see <see cref="RecordingArchiveJob.Reason"/>.</summary>
    NoAudio = 2,

    /// <summary>Every attempt failed, or the link was refused for good (a host not allowed); see <see cref="RecordingArchiveJob.Reason"/>.</summary>
    Failed = 3,
}
