using System.Net;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using Aircall.CallSync.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Aircall.CallSync.Http;

/// <summary>
/// The client-side rate limit of one Aircall account: never more than <c>PermitLimit</c> request starts within any
/// <c>Window</c> (a sliding log of the most recent starts), spends no more than <c>X-AircallApi-Remaining</c> before
/// <c>X-AircallApi-Reset</c> when Aircall sends them, and stops every request of the account after a 429 until the reset
/// Aircall gave (or a full window). Requests wait instead of failing, first come first served. Thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// A request that may start at once is let through under the lock. Otherwise it joins a queue; one timer, armed for the
/// moment the head of the queue may start, lets waiting requests through in order, each entering the log only then. A
/// waiting request holds no place: when its wait is cancelled or times out, it leaves the queue and the requests behind
/// it move up. When a request ends, its entry moves to the end time if that is later (see <see cref="Release"/>), since
/// Aircall may have counted it that late.
/// </para>
/// <para>
/// A margin sized from measured latency (see <see cref="Margin"/>) is added to every wait, so that a request let through
/// at the edge of the window cannot be counted by Aircall inside the window it must be clear of. A reset or
/// <c>Retry-After</c> further ahead than <see cref="MaxResetWait"/> is treated as garbage (logged once) and one window is
/// waited instead. Times are kept on the monotonic clock of the <see cref="TimeProvider"/>.
/// </para>
/// <para>
/// <see cref="Export"/> and <see cref="Restore"/> hand the recent log over to another process (wall-clock UTC on the
/// wire); a restored state merges with what this limiter already counted, taking the stricter of the two.
/// </para>
/// </remarks>
internal sealed class AccountRateLimiter : IDisposable
{
    // Timers are armed at most this far ahead (System.Threading.Timer refuses ~49 days); an early wake-up re-arms.
    private static readonly TimeSpan MaxTimerDue = TimeSpan.FromHours(1);

    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;
    private readonly long _origin;
    private readonly int _configuredLimit;
    private readonly List<Entry> _log = []; // starts of the requests let through, in ticket order, non-decreasing
    private readonly LinkedList<Waiter> _queue = new();
    private readonly Dictionary<long, TimeSpan> _outstanding = [];
    private ITimer? _timer;
    private TimeSpan? _armedFor;
    private int _limit;
    private TimeSpan _blockedUntil;
    private long _sequence;
    private int? _serverRemaining;
    private TimeSpan _serverResetAt;
    private long _serverSequence;
    private bool _disposed;
    private int _garbageLogged;
    private readonly TimeSpan _minMargin;
    private readonly TimeSpan _maxMargin;
    private long _marginTicks;
    private double _latencyTicks = -1; // smoothed latency (send to response headers); negative until the first sample
    private double _latencyDeviationTicks;

    private long _requests;
    private long _waits;
    private long _waitTicks;
    private long _rateLimited;

    /// <summary>Creates the limiter of one account.</summary>
    /// <param name="permitLimit">Requests allowed to start within any <paramref name="window"/>.</param>
    /// <param name="window">The sliding window.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="maxResetWait">The longest wait a reset from the wire may impose; <c>null</c> for two windows.</param>
    /// <param name="logger">Where a reset beyond the bound is reported (once); <c>null</c> for nowhere.</param>
    /// <param name="minMargin">The smallest margin; <c>null</c> for <see cref="AircallRateLimitOptions.DefaultMinMargin"/>.</param>
    /// <param name="maxMargin">The largest margin; <c>null</c> for <see cref="AircallRateLimitOptions.DefaultMaxMargin"/>.
    /// Never more than half the window.</param>
    public AccountRateLimiter(
        int permitLimit, TimeSpan window, TimeProvider timeProvider, TimeSpan? maxResetWait = null, ILogger? logger = null,
        TimeSpan? minMargin = null, TimeSpan? maxMargin = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(permitLimit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _time = timeProvider;
        _logger = logger;
        _origin = timeProvider.GetTimestamp();
        _configuredLimit = _limit = permitLimit;
        Window = window;
        _minMargin = minMargin is { } min && min >= TimeSpan.Zero ? min : AircallRateLimitOptions.DefaultMinMargin;
        var largest = maxMargin is { } cap && cap >= TimeSpan.Zero ? cap : AircallRateLimitOptions.DefaultMaxMargin;
        largest = largest < window / 2 ? largest : window / 2;
        _maxMargin = largest > _minMargin ? largest : _minMargin;
        _marginTicks = _minMargin.Ticks;
        MaxResetWait = maxResetWait is { } max && max > TimeSpan.Zero ? max : window * 2;
    }

    /// <summary>The sliding window.</summary>
    public TimeSpan Window { get; }

    /// <summary>
    /// Added to every computed wait: the measured request latency (send to response headers) as a high estimate, the
    /// smoothed latency plus four smoothed deviations (as TCP sizes its retransmission timeout), kept between the minimum
    /// and the maximum margin. The minimum until the first response.
    /// </summary>
    public TimeSpan Margin => TimeSpan.FromTicks(Volatile.Read(ref _marginTicks));

    /// <summary>The smoothed latency (send to response headers) measured so far; <c>null</c> before the first response.</summary>
    internal TimeSpan? Latency
    {
        get
        {
            lock (_lock)
            {
                return _latencyTicks < 0 ? null : TimeSpan.FromTicks((long)_latencyTicks);
            }
        }
    }

    /// <summary>The longest wait an <c>X-AircallApi-Reset</c> or <c>Retry-After</c> may impose; beyond it, one window is waited.</summary>
    public TimeSpan MaxResetWait { get; }

    /// <summary>The limit in force: the configured one, or lower when Aircall's <c>X-AircallApi-Limit</c> said so.</summary>
    public int PermitLimit => Volatile.Read(ref _limit);

    /// <summary>Counters since the limiter was created.</summary>
    public RateLimitStatistics Statistics => new(
        Interlocked.Read(ref _requests),
        Interlocked.Read(ref _waits),
        TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks)),
        Interlocked.Read(ref _rateLimited));

    /// <summary>
    /// Waits until a request may start, then returns its ticket (pass it to <see cref="OnResponse"/> and
    /// <see cref="Release"/>). Cancelling the token while waiting gives the place back: the request was never sent.
    /// </summary>
    public ValueTask<long> AcquireAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = Now();
            if (_queue.Count == 0 && EarliestStart(now) <= now)
            {
                return new ValueTask<long>(Grant(now));
            }

            waiter = new Waiter(this, now);
            waiter.Node = _queue.AddLast(waiter);
            Arm(now);
        }

        return new ValueTask<long>(WaitAsync(waiter, cancellationToken));
    }

    /// <summary>The request of <paramref name="ticket"/> is over (answered, failed or abandoned).</summary>
    /// <remarks>
    /// Aircall counted the request at some moment between its start and now. When it took long to get there (the first
    /// request on a new connection, or one queued behind a slow transport), the request <c>limit</c> places later must
    /// still start a full window after that moment, not after the start: so the request's entry in the log, and any later
    /// entry still before now, moves to now. Spending the budget a little later never breaks the limit.
    /// </remarks>
    public void Release(long ticket)
    {
        lock (_lock)
        {
            _outstanding.Remove(ticket);
            var now = Now();
            var entries = CollectionsMarshal.AsSpan(_log);
            for (var i = IndexFrom(ticket); i < entries.Length; i++)
            {
                ref var entry = ref entries[i];
                if (entry.Start >= now)
                {
                    break; // the log is non-decreasing: every later entry is at or after now too
                }

                entry.Start = now;
            }
        }
    }

    /// <summary>The start time of a request not yet released, on the limiter's monotonic clock (for tests).</summary>
    internal TimeSpan? ReservedStart(long ticket)
    {
        lock (_lock)
        {
            return _outstanding.TryGetValue(ticket, out var start) ? start : null;
        }
    }

    /// <summary>
    /// How long a request asked for now would wait for its turn: behind the requests already waiting (one window's worth
    /// each per <see cref="PermitLimit"/>), or until the budget frees. Zero when it could start at once.
    /// </summary>
    internal TimeSpan WaitEstimate()
    {
        lock (_lock)
        {
            var now = Now();
            var start = EarliestStart(now);
            if (_queue.Count > 0)
            {
                // Each group of PermitLimit waiters ahead takes one more window.
                start += Window * (_queue.Count / Math.Max(1, _limit));
            }

            return start > now ? start - now : TimeSpan.Zero;
        }
    }

    /// <summary>How many requests are waiting for their turn, and when the first of them is woken, from now.</summary>
    internal (int Count, TimeSpan? NextIn) Waiting()
    {
        lock (_lock)
        {
            return _queue.Count == 0 ? (0, null) : (_queue.Count, _armedFor is { } due ? due - Now() : null);
        }
    }

    /// <summary>Learns from a response: Aircall's budget headers, a lower limit, a 429.</summary>
    /// <param name="ticket">What <see cref="AcquireAsync"/> returned for the request.</param>
    /// <param name="status">The response status.</param>
    /// <param name="headers">The response headers.</param>
    public void OnResponse(long ticket, HttpStatusCode status, HttpResponseHeaders headers)
    {
        var utcNow = _time.GetUtcNow();
        var info = RateLimitHeaders.Parse(headers, utcNow);
        if (status != HttpStatusCode.TooManyRequests && info is null)
        {
            return;
        }

        // A value from the wire is bounded before anyone waits on it: a reset further ahead than MaxResetWait is garbage.
        TimeSpan? resetIn = info?.ResetAt is { } reset && reset > utcNow ? reset - utcNow + Granularity(reset) : null;
        var garbage = false;
        if (resetIn > MaxResetWait)
        {
            garbage = true;
            if (Interlocked.Exchange(ref _garbageLogged, 1) == 0 && _logger is not null)
            {
                Log.ResetBeyondBound(_logger, info!.ResetAt!.Value, resetIn.Value.TotalSeconds, MaxResetWait.TotalSeconds, Window.TotalSeconds);
            }

            resetIn = null;
        }

        var pump = false;
        lock (_lock)
        {
            var now = Now();
            if (info?.Limit is { } serverLimit && serverLimit > 0 && serverLimit < _limit)
            {
                _limit = Math.Min(serverLimit, _configuredLimit);
            }

            if (status == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref _rateLimited);
                var until = now + (resetIn ?? Window) + Margin;
                if (until > _blockedUntil)
                {
                    _blockedUntil = until;
                }

                _serverRemaining = null;
                return; // only later: the armed timer wakes early and re-arms
            }

            // A garbage reset with a budget figure: the budget turns over within a window, as far as we know.
            var serverReset = resetIn ?? (garbage ? Window : null);
            if (info?.Remaining is { } remaining && serverReset is { } resetAfter && ticket >= _serverSequence)
            {
                // Requests let through after this one may already have been counted by Aircall: assume they were.
                _serverRemaining = Math.Max(0, remaining - (int)Math.Min(int.MaxValue, _sequence - ticket));
                _serverResetAt = now + resetAfter;
                _serverSequence = ticket;
                pump = _queue.Count > 0; // a larger budget may let the head of the queue go now
            }
        }

        if (pump)
        {
            Pump();
        }
    }

    /// <summary>The limiter's clock, for <see cref="RecordLatency"/>'s measurements.</summary>
    internal TimeProvider TimeProvider => _time;

    /// <summary>
    /// Learns how long a request took from being sent to its response headers, and sizes <see cref="Margin"/> from it.
    /// </summary>
    /// <param name="latency">The time from sending the request to its response headers.</param>
    public void RecordLatency(TimeSpan latency)
    {
        if (latency < TimeSpan.Zero)
        {
            return;
        }

        lock (_lock)
        {
            double sample = latency.Ticks;
            if (_latencyTicks < 0)
            {
                _latencyTicks = sample;
                _latencyDeviationTicks = sample / 2;
            }
            else
            {
                _latencyDeviationTicks = (0.75 * _latencyDeviationTicks) + (0.25 * Math.Abs(_latencyTicks - sample));
                _latencyTicks = (0.875 * _latencyTicks) + (0.125 * sample);
            }

            UpdateMargin();
        }
    }

    /// <summary>
    /// Captures the recent log for another process: the requests counted within the last window (at most the limit, the
    /// newest; a request still running counts as of now, since Aircall may count it that late), the block after a 429,
    /// Aircall's remaining budget and lower limit, and the latency estimate.
    /// </summary>
    /// <param name="closed">
    /// <c>true</c> when no request of the caller follows the capture (a run that ended): the restoring side then needs
    /// no allowance for a request sent after it.
    /// </param>
    public RateLimitStateData Export(bool closed = false)
    {
        lock (_lock)
        {
            var now = Now();
            var utcNow = _time.GetUtcNow();
            var margin = Margin;
            Prune(now);
            var count = Math.Min(_log.Count, _configuredLimit);
            var ages = new List<long>(count);
            for (var i = _log.Count - 1; i >= _log.Count - count; i--)
            {
                var entry = _log[i];
                if (entry.Start + Window + margin <= now && !_outstanding.ContainsKey(entry.Ticket))
                {
                    continue; // too old to hold anything back
                }

                // Rounded down: restored, the request is never earlier than it was.
                ages.Add(_outstanding.ContainsKey(entry.Ticket) || entry.Start >= now ? 0 : (long)(now - entry.Start).TotalMilliseconds);
            }

            var data = new RateLimitStateData
            {
                CapturedAt = utcNow.ToUnixTimeMilliseconds(),
                Ages = ages,
                Closed = closed && _outstanding.Count == 0,
                Limit = _limit < _configuredLimit ? _limit : null,
            };
            if (_blockedUntil > now)
            {
                data.BlockedFor = CeilingMilliseconds(_blockedUntil - now);
            }

            if (_serverRemaining is { } remaining && _serverResetAt > now)
            {
                data.Remaining = Math.Max(0, remaining);
                data.ResetIn = CeilingMilliseconds(_serverResetAt - now);
            }

            if (_latencyTicks >= 0)
            {
                data.Latency = (long)(_latencyTicks / TimeSpan.TicksPerMicrosecond);
                data.LatencyDeviation = (long)(_latencyDeviationTicks / TimeSpan.TicksPerMicrosecond);
            }

            return data;
        }
    }

    /// <summary>
    /// Merges a state captured by <see cref="Export"/> (in this process or another) into this limiter, before or while it
    /// is in use, taking the stricter of the two everywhere: the k-th most recent request is the later of the two logs'
    /// k-th most recent, the block and Aircall's reset the later, the remaining budget and the limit the lower. So
    /// restoring a state twice, or one this limiter wrote itself, counts nothing twice. Nothing from the state is trusted:
    /// a capture time ahead of this clock is taken as now, request times in the future as now, times older than a window
    /// are dropped, at most the limit of them are kept, and a block or reset is bounded by <see cref="MaxResetWait"/>.
    /// </summary>
    /// <param name="state">What <see cref="Export"/> returned, decoded.</param>
    public void Restore(RateLimitStateData state)
    {
        ArgumentNullException.ThrowIfNull(state);
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var now = Now();
            var utcNow = _time.GetUtcNow();
            var margin = Margin;
            var capturedUtc = DateTimeOffset.FromUnixTimeMilliseconds(Math.Clamp(state.CapturedAt, 0, utcNow.ToUnixTimeMilliseconds()));
            var age = utcNow - capturedUtc; // how long ago it was captured, never negative
            var captured = now - age;       // the capture on this limiter's monotonic clock (may be before its origin)
            var horizon = Window + margin + margin;

            // The restored log, oldest first, on this clock.
            var restored = new List<TimeSpan>(Math.Min(state.Ages?.Count ?? 0, _configuredLimit * 2) + 1);
            if (age < horizon && state.Ages is { } ages)
            {
                // Every entry is looked at (the order on the wire is not trusted); the newest `limit` are kept below.
                for (var i = 0; i < ages.Count; i++)
                {
                    var start = captured - TimeSpan.FromMilliseconds(Math.Clamp(ages[i], 0, (long)horizon.TotalMilliseconds + 1));
                    if (start + Window + margin > now)
                    {
                        restored.Add(start > now ? now : start);
                    }
                }
            }

            if (!state.Closed)
            {
                // The writer may have sent one more request after the capture and died before saving again: count it now.
                restored.Add(now);
            }

            restored.Sort();
            if (restored.Count > _configuredLimit)
            {
                restored.RemoveRange(0, restored.Count - _configuredLimit);
            }

            Merge(restored);

            var bound = now + MaxResetWait + margin;
            const long day = 86_400_000; // no TimeSpan overflow, whatever arrives; the bound below is what applies
            if (state.BlockedFor is { } blocked && blocked > 0)
            {
                var until = Min(captured + TimeSpan.FromMilliseconds(Math.Min(blocked, day)), bound);
                if (until > _blockedUntil)
                {
                    _blockedUntil = until;
                }
            }

            if (state.Remaining is { } remaining && state.ResetIn is { } resetIn && resetIn > 0)
            {
                var resetAt = Min(captured + TimeSpan.FromMilliseconds(Math.Min(resetIn, day)), now + MaxResetWait);
                if (resetAt > now)
                {
                    remaining = Math.Clamp(remaining, 0, _limit);
                    if (_serverRemaining is not { } known || _serverResetAt <= now || remaining < known)
                    {
                        _serverRemaining = remaining;
                    }

                    _serverResetAt = resetAt > _serverResetAt ? resetAt : _serverResetAt;
                }
            }

            if (state.Limit is { } limit && limit > 0 && limit < _limit)
            {
                _limit = limit;
            }

            if (_latencyTicks < 0 && state.Latency is { } latency && latency >= 0)
            {
                var cap = (double)_maxMargin.Ticks;
                _latencyTicks = Math.Min(latency * (double)TimeSpan.TicksPerMicrosecond, cap);
                _latencyDeviationTicks = Math.Min(Math.Max(0, state.LatencyDeviation ?? 0) * (double)TimeSpan.TicksPerMicrosecond, cap);
                UpdateMargin();
            }

            Arm(now);
        }
    }

    /// <summary>
    /// The log becomes, from the newest entry back, the later of its own k-th most recent start and the restored one's:
    /// never less strict than either, and the same when both hold the same requests. Under the lock.
    /// </summary>
    private void Merge(List<TimeSpan> restored)
    {
        if (restored.Count == 0)
        {
            return;
        }

        var extra = restored.Count - _log.Count;
        if (extra > 0)
        {
            // Requests this limiter never saw: they take ticket 0, before every ticket it hands out (tickets start at 1).
            _log.InsertRange(0, Enumerable.Repeat(new Entry(0, TimeSpan.MinValue), extra));
        }

        var entries = CollectionsMarshal.AsSpan(_log);
        for (int k = 1, n = Math.Min(restored.Count, entries.Length); k <= n; k++)
        {
            ref var entry = ref entries[^k];
            var start = restored[^k];
            if (start > entry.Start)
            {
                entry.Start = start;
            }
        }
    }

    /// <summary>Sizes the margin from the latency estimate. Under the lock.</summary>
    private void UpdateMargin()
    {
        if (_latencyTicks < 0)
        {
            return;
        }

        var estimate = (long)Math.Min(_latencyTicks + (4 * _latencyDeviationTicks), long.MaxValue / 2);
        var margin = Math.Clamp(estimate, _minMargin.Ticks, _maxMargin.Ticks);
        if (margin == _marginTicks)
        {
            return;
        }

        Volatile.Write(ref _marginTicks, margin);
        if (_queue.Count > 0)
        {
            Arm(Now());
        }
    }

    /// <summary>
    /// A reset on a whole second (<c>X-AircallApi-Reset</c> in epoch seconds, <c>Retry-After</c> in seconds) may have been
    /// truncated by up to a second: that much more is waited, bounded by 2% of the window (so a compressed test window
    /// is not slowed down; against Aircall's minute it is the whole second).
    /// </summary>
    private TimeSpan Granularity(DateTimeOffset reset)
        => reset.Ticks % TimeSpan.TicksPerSecond == 0 ? Min(TimeSpan.FromSeconds(1), Window / 50) : TimeSpan.Zero;

    private static long CeilingMilliseconds(TimeSpan span) => (long)Math.Ceiling(span.TotalMilliseconds);

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    /// <summary>Stops the timer; requests still waiting fail with <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        List<Waiter> abandoned;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _timer?.Dispose();
            _timer = null;
            abandoned = [.. _queue];
            _queue.Clear();
            foreach (var waiter in abandoned)
            {
                waiter.Node = null;
            }
        }

        foreach (var waiter in abandoned)
        {
            waiter.TrySetException(new ObjectDisposedException(nameof(AccountRateLimiter)));
        }
    }

    private async Task<long> WaitAsync(Waiter waiter, CancellationToken cancellationToken)
    {
        var registration = cancellationToken.CanBeCanceled
            ? cancellationToken.UnsafeRegister(static (state, token) => ((Waiter)state!).Owner.Cancel((Waiter)state, token), waiter)
            : default;
        long ticket;
        try
        {
            ticket = await waiter.Task.ConfigureAwait(false);
        }
        finally
        {
            registration.Unregister(); // never waits for a running callback (the cancellation may be completing us)
        }

        if (cancellationToken.IsCancellationRequested)
        {
            // Let through just as the wait was cancelled: the request will not be sent, so its place goes back.
            Return(ticket);
            cancellationToken.ThrowIfCancellationRequested();
        }

        return ticket;
    }

    private void Cancel(Waiter waiter, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (waiter.Node is null)
            {
                return; // already let through (or the limiter was disposed)
            }

            _queue.Remove(waiter.Node);
            waiter.Node = null;
            Arm(Now());
        }

        waiter.TrySetCanceled(cancellationToken);
    }

    /// <summary>Lets through every waiting request that may start now, in order, then re-arms the timer.</summary>
    private void Pump()
    {
        List<(Waiter Waiter, long Ticket)>? granted = null;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            var now = Now();
            _armedFor = null;
            while (_queue.First is { } head && EarliestStart(now) <= now)
            {
                _queue.RemoveFirst();
                head.Value.Node = null;
                Interlocked.Increment(ref _waits);
                RecordWait(now - head.Value.Since);
                (granted ??= []).Add((head.Value, Grant(now)));
            }

            Arm(now);
        }

        // Outside the lock: continuations run inline and may come back to the limiter.
        if (granted is not null)
        {
            foreach (var (waiter, ticket) in granted)
            {
                waiter.TrySetResult(ticket);
            }
        }
    }

    /// <summary>The earliest moment a request may start, given what started before and what Aircall said. Under the lock.</summary>
    private TimeSpan EarliestStart(TimeSpan now)
    {
        var start = now;
        if (_log.Count >= _limit)
        {
            // The limit-th most recent start must be a full window (plus margin) before this one.
            var allowed = _log[_log.Count - _limit].Start + Window + Margin;
            if (allowed > start)
            {
                start = allowed;
            }
        }

        if (_blockedUntil > start)
        {
            start = _blockedUntil;
        }

        if (_serverRemaining is <= 0 && start < _serverResetAt)
        {
            start = _serverResetAt + Margin;
        }

        return start;
    }

    /// <summary>Lets one request through now. Under the lock.</summary>
    private long Grant(TimeSpan now)
    {
        Prune(now);
        if (_serverRemaining is { } remaining)
        {
            // Aircall's window has turned over (its figure no longer applies), or one more of its budget is spent.
            _serverRemaining = now >= _serverResetAt ? null : remaining - 1;
        }

        var ticket = ++_sequence;
        _log.Add(new Entry(ticket, now));
        _outstanding[ticket] = now;
        Interlocked.Increment(ref _requests);
        return ticket;
    }

    /// <summary>A request let through will not be sent after all: its entry leaves the log.</summary>
    private void Return(long ticket)
    {
        lock (_lock)
        {
            _outstanding.Remove(ticket);
            var i = IndexFrom(ticket);
            if (i < _log.Count && _log[i].Ticket == ticket)
            {
                _log.RemoveAt(i);
            }

            Interlocked.Decrement(ref _requests);
            if (_queue.Count > 0)
            {
                Arm(Now());
            }
        }
    }

    /// <summary>Forgets starts too old to hold back any request from now on, unless their request is still running.</summary>
    private void Prune(TimeSpan now)
    {
        var old = 0;
        while (old < _log.Count && _log[old].Start + Window + Margin <= now && !_outstanding.ContainsKey(_log[old].Ticket))
        {
            old++;
        }

        if (old > 0)
        {
            _log.RemoveRange(0, old);
        }
    }

    /// <summary>Arms the timer for the head of the queue, or stops it when nobody waits. Under the lock.</summary>
    private void Arm(TimeSpan now)
    {
        if (_disposed)
        {
            return;
        }

        if (_queue.Count == 0)
        {
            if (_armedFor is not null)
            {
                _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _armedFor = null;
            }

            return;
        }

        var due = EarliestStart(now) - now;
        // Never zero: a zero due time may fire synchronously, inside this lock.
        due = due < TimeSpan.FromTicks(1) ? TimeSpan.FromTicks(1) : due > MaxTimerDue ? MaxTimerDue : due;
        if (_armedFor == now + due)
        {
            return;
        }

        _timer ??= _time.CreateTimer(static state => ((AccountRateLimiter)state!).Pump(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _armedFor = now + due;
        _timer.Change(due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The index of <paramref name="ticket"/>'s entry, or of the first later one (the log is in ticket order).</summary>
    private int IndexFrom(long ticket)
    {
        int low = 0, high = _log.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_log[mid].Ticket < ticket)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }

        return low;
    }

    private void RecordWait(TimeSpan waited)
    {
        if (waited > TimeSpan.Zero)
        {
            Interlocked.Add(ref _waitTicks, waited.Ticks);
        }

        AircallTelemetry.RateLimitWait.Record(Math.Max(0, waited.TotalSeconds));
    }

    private TimeSpan Now() => _time.GetElapsedTime(_origin);

    private struct Entry(long ticket, TimeSpan start)
    {
        public long Ticket = ticket;
        public TimeSpan Start = start;
    }

    /// <summary>A request waiting for its turn. Continuations run inline, as after a timer, so a fake clock's advance lets them run.</summary>
    private sealed class Waiter(AccountRateLimiter owner, TimeSpan since) : TaskCompletionSource<long>
    {
        public AccountRateLimiter Owner { get; } = owner;

        public TimeSpan Since { get; } = since;

        public LinkedListNode<Waiter>? Node { get; set; }
    }
}
