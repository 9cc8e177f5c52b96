namespace Aircall.CallSync.Testing.Media;

/// <summary>One scripted download fault: what, for how many more downloads, of which call (any when <c>null</c>).</summary>
internal sealed class MediaFaultRule
{
    public required MediaFaultKind Kind { get; init; }

    public required int Remaining { get; set; }

    public long? CallId { get; init; }

    /// <summary>The status of a server error; the bytes per second of a throttle.</summary>
    public int Value { get; init; }

    /// <summary>Bytes sent before a cut or a hold.</summary>
    public long Bytes { get; init; }

    public SimulatorMediaGate? Gate { get; init; }

    public string Label => Kind switch
    {
        MediaFaultKind.Expire => "expire",
        MediaFaultKind.ServerError => Value.ToString(System.Globalization.CultureInfo.InvariantCulture),
        MediaFaultKind.Cut => "cut",
        MediaFaultKind.Throttle => "throttle",
        MediaFaultKind.Hold => "hold",
        _ => "none",
    };
}
