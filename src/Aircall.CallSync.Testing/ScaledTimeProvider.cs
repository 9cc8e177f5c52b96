namespace Aircall.CallSync.Testing;

/// <summary>
/// A clock that runs <see cref="Scale"/> times faster than another one, for demos: with a scale of 60, one real second
/// is one simulated minute, so a 60-second rate-limit window passes in a second. Timers and
/// <c>Task.Delay(TimeSpan, TimeProvider)</c> fire after the scaled-down real time. Thread-safe.
/// </summary>
public sealed class ScaledTimeProvider : TimeProvider
{
    private readonly TimeProvider _inner;
    private readonly DateTimeOffset _origin;
    private readonly DateTimeOffset _start;
    private readonly long _originTimestamp;

    /// <summary>Creates the clock; it starts at <paramref name="start"/> (default: the inner clock's now).</summary>
    /// <param name="inner">The real clock, usually <see cref="TimeProvider.System"/>.</param>
    /// <param name="scale">How many simulated seconds pass per real second; greater than 0.</param>
    /// <param name="start">The simulated time at creation.</param>
    public ScaledTimeProvider(TimeProvider inner, double scale, DateTimeOffset? start = null)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(scale);
        _inner = inner;
        Scale = scale;
        _origin = inner.GetUtcNow();
        _start = start ?? _origin;
        _originTimestamp = inner.GetTimestamp();
    }

    /// <summary>Simulated seconds per real second.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public override TimeZoneInfo LocalTimeZone => _inner.LocalTimeZone;

    /// <inheritdoc/>
    public override long TimestampFrequency => _inner.TimestampFrequency;

    /// <inheritdoc/>
    public override DateTimeOffset GetUtcNow()
        => _start + TimeSpan.FromTicks((long)((_inner.GetUtcNow() - _origin).Ticks * Scale));

    /// <inheritdoc/>
    public override long GetTimestamp()
        => _originTimestamp + (long)((_inner.GetTimestamp() - _originTimestamp) * Scale);

    /// <inheritdoc/>
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        => new ScaledTimer(_inner.CreateTimer(callback, state, ToReal(dueTime), ToReal(period)), this);

    internal TimeSpan ToReal(TimeSpan simulated)
        => simulated == Timeout.InfiniteTimeSpan || simulated <= TimeSpan.Zero
            ? simulated
            : TimeSpan.FromTicks(Math.Max(1, (long)(simulated.Ticks / Scale)));
}
