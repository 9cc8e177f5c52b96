namespace Aircall.CallSync.Testing;

/// <summary>A timer of a <see cref="ScaledTimeProvider"/>: changes are scaled to real time.</summary>
internal sealed class ScaledTimer(ITimer inner, ScaledTimeProvider clock) : ITimer
{
    public bool Change(TimeSpan dueTime, TimeSpan period) => inner.Change(clock.ToReal(dueTime), clock.ToReal(period));

    public void Dispose() => inner.Dispose();

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
