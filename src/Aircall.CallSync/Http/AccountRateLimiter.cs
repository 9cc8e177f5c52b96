using System.Net;
using System.Net.Http.Headers;
using Aircall.CallSync.Diagnostics;

namespace Aircall.CallSync.Http;

/// <summary>
/// The client-side rate limit of one Aircall account: never more than <c>PermitLimit</c> request starts within any
/// <c>Window</c> (a sliding log of the most recent starts), spends no more than <c>X-AircallApi-Remaining</c> before
/// <c>X-AircallApi-Reset</c> when Aircall sends them, and stops every request of the account after a 429 until the reset
/// Aircall gave (or a full window). Requests wait instead of failing, first come first served. Thread-safe.
/// </summary>
/// <remarks>
/// Each request reserves its start time under a lock, then waits outside it, so concurrent callers never overshoot; when
/// it ends, its entry moves to the end time if that is later (see <see cref="Release"/>), since Aircall may have counted
/// it that late. A small margin (2% of the window, at least 10 ms) is added to every wait to absorb the delay between our
/// clock and the moment Aircall counts the request. Times are kept on the monotonic clock of the
/// <see cref="TimeProvider"/>.
/// </remarks>
internal sealed class AccountRateLimiter
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly long _origin;
    private readonly int _configuredLimit;
    private readonly TimeSpan[] _starts; // ring buffer of the most recent reserved start times, non-decreasing
    private int _head;
    private int _count;
    private int _limit;
    private TimeSpan _lastReserved;
    private TimeSpan _blockedUntil;
    private long _sequence;
    private int? _serverRemaining;
    private TimeSpan _serverResetAt;
    private long _serverSequence;

    private readonly Dictionary<long, TimeSpan> _outstanding = [];

    private long _requests;
    private long _waits;
    private long _waitTicks;
    private long _rateLimited;

    public AccountRateLimiter(int permitLimit, TimeSpan window, TimeProvider timeProvider)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(permitLimit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        _time = timeProvider;
        _origin = timeProvider.GetTimestamp();
        _configuredLimit = _limit = permitLimit;
        Window = window;
        Margin = TimeSpan.FromTicks(Math.Max(TimeSpan.FromMilliseconds(10).Ticks, window.Ticks / 50));
        _starts = new TimeSpan[permitLimit];
    }

    /// <summary>The sliding window.</summary>
    public TimeSpan Window { get; }

    /// <summary>Added to every computed wait.</summary>
    public TimeSpan Margin { get; }

    /// <summary>The limit in force: the configured one, or lower when Aircall's <c>X-AircallApi-Limit</c> said so.</summary>
    public int PermitLimit => Volatile.Read(ref _limit);

    /// <summary>Counters since the limiter was created.</summary>
    public RateLimitStatistics Statistics => new(
        Interlocked.Read(ref _requests),
        Interlocked.Read(ref _waits),
        TimeSpan.FromTicks(Interlocked.Read(ref _waitTicks)),
        Interlocked.Read(ref _rateLimited));

    /// <summary>Waits until a request may start, then returns its ticket (pass it to <see cref="OnResponse"/>).</summary>
    public async ValueTask<long> AcquireAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        TimeSpan wait;
        long ticket;
        Task delay;
        lock (_lock)
        {
            var now = Now();
            var start = now;
            if (_lastReserved > start)
            {
                start = _lastReserved;
            }

            if (_count >= _limit)
            {
                // The limit-th most recent start must be a full window (plus margin) before this one.
                var oldest = _starts[(_head + _count - _limit) % _starts.Length];
                var allowed = oldest + Window + Margin;
                if (allowed > start)
                {
                    start = allowed;
                }
            }

            if (_blockedUntil > start)
            {
                start = _blockedUntil;
            }

            if (_serverRemaining is { } remaining)
            {
                if (start >= _serverResetAt)
                {
                    _serverRemaining = null; // Aircall's window has turned over: its figure no longer applies.
                }
                else if (remaining <= 0)
                {
                    start = _serverResetAt + Margin;
                    _serverRemaining = null;
                }
                else
                {
                    _serverRemaining = remaining - 1;
                }
            }

            Push(start);
            _lastReserved = start;
            ticket = ++_sequence;
            _outstanding[ticket] = start;
            wait = start - now;

            // The timer is created under the lock, so that whoever sees this request waiting also sees its timer.
            delay = wait > TimeSpan.Zero ? Task.Delay(wait, _time, cancellationToken) : Task.CompletedTask;
        }

        Interlocked.Increment(ref _requests);
        if (wait > TimeSpan.Zero)
        {
            Interlocked.Increment(ref _waits);
            Interlocked.Add(ref _waitTicks, wait.Ticks);
            AircallTelemetry.RateLimitWait.Record(wait.TotalSeconds);
            try
            {
                await delay.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Release(ticket); // its reserved start stays counted: spending less never breaks the limit
                throw;
            }
        }

        return ticket;
    }

    /// <summary>The request of <paramref name="ticket"/> is over (answered, failed or abandoned).</summary>
    /// <remarks>
    /// Aircall counted the request at some moment between its reserved start and now. When it took long to get there (the
    /// first request on a new connection, or one queued behind a slow transport), the request <c>limit</c> places later
    /// must still start a full window after that moment, not after the reservation: so the request's entry in the log,
    /// and any later entry still before now, moves to now. Spending the budget a little later never breaks the limit.
    /// </remarks>
    public void Release(long ticket)
    {
        lock (_lock)
        {
            _outstanding.Remove(ticket);
            var now = Now();
            for (var t = Math.Max(ticket, _sequence - _count + 1); t <= _sequence; t++)
            {
                ref var start = ref _starts[(t - 1) % _starts.Length]; // ticket t was the t-th entry pushed
                if (start >= now)
                {
                    break; // the log is non-decreasing: every later entry is at or after now too
                }

                start = now;
            }
        }
    }

    /// <summary>The start time reserved for a request not yet released, on the limiter's monotonic clock (for tests).</summary>
    internal TimeSpan? ReservedStart(long ticket)
    {
        lock (_lock)
        {
            return _outstanding.TryGetValue(ticket, out var start) ? start : null;
        }
    }

    /// <summary>How many requests are waiting for their turn (reserved, not yet due), and the earliest turn, from now.</summary>
    internal (int Count, TimeSpan? NextIn) Waiting()
    {
        lock (_lock)
        {
            var now = Now();
            var waiting = 0;
            TimeSpan? next = null;
            foreach (var start in _outstanding.Values)
            {
                if (start > now)
                {
                    waiting++;
                    if (next is null || start - now < next)
                    {
                        next = start - now;
                    }
                }
            }

            return (waiting, next);
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

        lock (_lock)
        {
            var now = Now();
            if (info?.Limit is { } serverLimit && serverLimit > 0 && serverLimit < _limit)
            {
                _limit = Math.Min(serverLimit, _configuredLimit);
            }

            TimeSpan? resetAt = info?.ResetAt is { } reset && reset > utcNow ? now + (reset - utcNow) : null;
            if (status == HttpStatusCode.TooManyRequests)
            {
                Interlocked.Increment(ref _rateLimited);
                var until = (resetAt ?? now + Window) + Margin;
                if (until > _blockedUntil)
                {
                    _blockedUntil = until;
                }

                _serverRemaining = null;
                return;
            }

            if (info?.Remaining is { } remaining && resetAt is { } serverReset && ticket >= _serverSequence)
            {
                // Requests reserved after this one may already have been counted by Aircall: assume they were.
                _serverRemaining = Math.Max(0, remaining - (int)Math.Min(int.MaxValue, _sequence - ticket));
                _serverResetAt = serverReset;
                _serverSequence = ticket;
            }
        }
    }

    private TimeSpan Now() => _time.GetElapsedTime(_origin);

    private void Push(TimeSpan start)
    {
        if (_count < _starts.Length)
        {
            _starts[(_head + _count) % _starts.Length] = start;
            _count++;
        }
        else
        {
            _starts[_head] = start;
            _head = (_head + 1) % _starts.Length;
        }
    }
}
