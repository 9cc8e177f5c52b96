namespace Aircall.CallSync.Recordings;

/// <summary>Which audio of a call: its recording or its voicemail.</summary>
public enum RecordingKind
{
    /// <summary>The call's recording (<c>recording</c>).</summary>
    Recording = 1,

    /// <summary>The voicemail left on an inbound call (<c>voicemail</c>).</summary>
    Voicemail = 2,
}
