namespace Aircall.CallSync.Testing.Http;

/// <summary>The fault chosen for one request.</summary>
internal readonly record struct FaultDecision(FaultKind Kind, int StatusCode, TimeSpan Delay)
{
    public static FaultDecision None => default;

    public string? Label => Kind switch
    {
        FaultKind.ServerError => StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture),
        FaultKind.Drop => "drop",
        FaultKind.Slow => "slow",
        FaultKind.Malformed => "malformed",
        _ => null,
    };
}
