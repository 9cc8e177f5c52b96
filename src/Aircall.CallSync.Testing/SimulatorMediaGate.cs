namespace Aircall.CallSync.Testing;

/// <summary>
/// A download held by <see cref="SimulatorMedia.HoldNext"/>: its headers and first bytes are sent, then it waits for
/// <see cref="Release"/> (or for the client to give up, or the simulator to stop). Thread-safe.
/// </summary>
public sealed class SimulatorMediaGate
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal SimulatorMediaGate()
    {
    }

    /// <summary>Completes when a download has sent its first bytes and is waiting at the gate.</summary>
    public Task Reached => _reached.Task;

    /// <summary>Whether <see cref="Release"/> was called.</summary>
    public bool IsReleased => _released.Task.IsCompleted;

    /// <summary>Lets the held download send the rest of its body. Calling it again does nothing.</summary>
    public void Release() => _released.TrySetResult();

    internal async Task WaitAsync(CancellationToken cancellationToken)
    {
        _reached.TrySetResult();
        await _released.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }
}
