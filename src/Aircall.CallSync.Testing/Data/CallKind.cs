namespace Aircall.CallSync.Testing.Data;

/// <summary>The outcome a generated call ends with.</summary>
internal enum CallKind : byte
{
    InboundAnswered,
    InboundMissed,
    InboundVoicemail,
    OutboundAnswered,
    OutboundUnanswered,
}
