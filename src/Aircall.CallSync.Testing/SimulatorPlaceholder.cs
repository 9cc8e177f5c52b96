namespace Aircall.CallSync.Testing;

internal static class SimulatorPlaceholder
{
}
