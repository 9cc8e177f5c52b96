namespace Aircall.CallSync.Testing.Http;

/// <summary>What a page fault does to one list response (see <see cref="SimulatorFaults.EmptyPageNext"/> and its siblings).</summary>
internal enum PageFaultKind
{
    None,
    EmptyPage,
    ShortPage,
    EmptyObject,
    NullCalls,
    NullEntry,
}
