namespace Aircall.CallSync.Testing.Media;

/// <summary>Which file of a call a link serves.</summary>
internal enum MediaKind
{
    Recording,
    Voicemail,
}
