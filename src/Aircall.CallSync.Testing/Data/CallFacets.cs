namespace Aircall.CallSync.Testing.Data;

/// <summary>
/// The searchable essentials of a generated call, kept per call so that search filters never build whole calls.
/// Everything else is derived from the seed and the id when the call is written.
/// </summary>
internal struct CallFacets
{
    public CallKind Kind;
    public bool Anonymous;
    public bool Transferred;
    public bool Archived;
    public sbyte UserIndex;
    public sbyte TeamIndex;
    public sbyte MissedReasonIndex;
    public byte NumberIndex;
    public short PhoneIndex;
    public int TagMask;
    public int RingSeconds;
    public int TalkSeconds;
    public byte CommentCount;

    public readonly bool IsInbound => Kind is CallKind.InboundAnswered or CallKind.InboundMissed or CallKind.InboundVoicemail;

    public readonly bool IsAnswered => Kind is CallKind.InboundAnswered or CallKind.OutboundAnswered;
}
