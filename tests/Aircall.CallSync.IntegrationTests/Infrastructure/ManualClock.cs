namespace Aircall.CallSync.IntegrationTests.Infrastructure;

/// <summary>
/// A clock that only moves when told to, and knows its pending timers, so that a test can jump straight to the next
/// thing that is waiting (a rate-limit wait, a retry backoff) instead of sleeping or stepping blindly. Timer callbacks
/// run synchronously inside <see cref="AdvanceToNextTimer"/> and <see cref="Advance"/>, like FakeTimeProvider's.
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _now = start;
    private long _ticks;

    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _now;
        }
    }

    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _ticks;
        }
    }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>The due time of the earliest pending timer, or <c>null</c>.</summary>
    public DateTimeOffset? NextDue()
    {
        lock (_lock)
        {
            DateTimeOffset? next = null;
            foreach (var timer in _timers)
            {
                if (next is null || timer.Due < next)
                {
                    next = timer.Due;
                }
            }

            return next;
        }
    }

    /// <summary>Moves to the earliest pending timer and fires every timer due by then; <c>false</c> when none is pending.</summary>
    public bool AdvanceToNextTimer()
    {
        if (NextDue() is not { } due)
        {
            return false;
        }

        var now = GetUtcNow();
        Advance(due > now ? due - now : TimeSpan.Zero);
        return true;
    }

    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_lock)
        {
            target = _now + delta;
        }

        while (true)
        {
            ManualTimer? fire = null;
            lock (_lock)
            {
                foreach (var timer in _timers)
                {
                    if (timer.Due <= target && (fire is null || timer.Due < fire.Due))
                    {
                        fire = timer;
                    }
                }

                var moveTo = fire?.Due ?? target;
                if (moveTo > _now)
                {
                    _ticks += (moveTo - _now).Ticks;
                    _now = moveTo;
                }

                if (fire is null)
                {
                    return;
                }

                fire.Reschedule();
            }

            fire.Invoke();
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        public DateTimeOffset Due { get; private set; }

        private TimeSpan _period;

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    return true;
                }

                Due = clock._now + dueTime;
                _period = period;
                clock._timers.Add(this);
                return true;
            }
        }

        /// <summary>Called under the clock's lock when the timer fires.</summary>
        public void Reschedule()
        {
            clock._timers.Remove(this);
            if (_period > TimeSpan.Zero && _period != Timeout.InfiniteTimeSpan)
            {
                Due += _period;
                clock._timers.Add(this);
            }
        }

        public void Invoke() => callback(state);

        public void Dispose()
        {
            lock (clock._lock)
            {
                clock._timers.Remove(this);
            }
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
