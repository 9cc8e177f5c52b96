namespace Aircall.CallSync.Testing.Media;

/// <summary>The download faults of <see cref="SimulatorMedia"/>.</summary>
internal enum MediaFaultKind
{
    None,
    Expire,
    ServerError,
    Cut,
    Throttle,
    Hold,
}
