using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.IntegrationTests.Simulator;

/// <summary>A fake clock that says when a timer of a given due time is created: a request is then held by it.</summary>
internal sealed class TimerWatchingClock(DateTimeOffset start, TimeSpan dueTime) : FakeTimeProvider(start)
{
    public TaskCompletionSource TimerCreated { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan timerDueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, timerDueTime, period);
        if (timerDueTime == dueTime)
        {
            TimerCreated.TrySetResult();
        }

        return timer;
    }
}
