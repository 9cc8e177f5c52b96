namespace Aircall.CallSync.Testing.Http;

/// <summary>What a fault does to a request.</summary>
internal enum FaultKind
{
    None,
    ServerError,
    Drop,
    Slow,
    Malformed,
    StallBody,
    ResetFarAhead,
    SkewDate,
}
