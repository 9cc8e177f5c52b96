namespace Aircall.CallSync.Testing.Http;

/// <summary>The fault chosen for one request.</summary>
/// <param name="Kind">What the fault does.</param>
/// <param name="StatusCode">The status answered (server errors; 429 or 200 for a far-ahead reset).</param>
/// <param name="Delay">How long a slow response is held; how far ahead a reset is; how far off a Date is.</param>
/// <param name="Bytes">How many bytes of the body a stalled response sends.</param>
/// <param name="SkewReset">Whether a skewed Date also shifts <c>X-AircallApi-Reset</c>.</param>
internal readonly record struct FaultDecision(FaultKind Kind, int StatusCode, TimeSpan Delay, int Bytes = 0, bool SkewReset = false)
{
    public static FaultDecision None => default;

    public string? Label => Kind switch
    {
        FaultKind.ServerError => StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        FaultKind.Drop => "drop",
        FaultKind.Slow => "slow",
        FaultKind.Malformed => "malformed",
        FaultKind.StallBody => "stall",
        FaultKind.ResetFarAhead => "reset-far-ahead",
        FaultKind.SkewDate => "skew-date",
        _ => null,
    };
}
