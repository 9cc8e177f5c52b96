using Aircall.CallSync.Models;

namespace Aircall.CallSync.Testing.Data;

/// <summary>What the REST API changed on a generated call (archive, tags, comments, deletions, transfers).</summary>
internal sealed class CallOverlay
{
    public bool? Archived { get; set; }

    public bool RecordingDeleted { get; set; }

    public bool VoicemailDeleted { get; set; }

    public bool RecordingPaused { get; set; }

    public int? TransferredToUserIndex { get; set; }

    public Dictionary<int, DateTimeOffset> TaggedAt { get; } = [];

    public List<Comment> Comments { get; } = [];
}
