namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// Aircall's per-company limit as the logging-calls tutorial describes it: at most <c>limit</c> requests within any
/// window; the request over the limit gets 429, and the account stays blocked until one window after the limit-th
/// request has passed. Rejected requests do not count. Thread-safe.
/// </summary>
internal sealed class ArrivalRateLimiter(int limit, TimeSpan window)
{
    private readonly Lock _lock = new();
    private readonly Queue<DateTimeOffset> _accepted = new();
    private DateTimeOffset _lastAccepted;
    private DateTimeOffset? _blockedUntil;

    public RateLimitDecision Check(DateTimeOffset now)
    {
        if (limit <= 0)
        {
            return new RateLimitDecision(true, 0, 0, now);
        }

        lock (_lock)
        {
            while (_accepted.Count > 0 && _accepted.Peek() <= now - window)
            {
                _accepted.Dequeue();
            }

            if (_blockedUntil is { } until && now < until)
            {
                return new RateLimitDecision(false, limit, 0, until);
            }

            _blockedUntil = null;
            if (_accepted.Count < limit)
            {
                _accepted.Enqueue(now);
                _lastAccepted = now;
                return new RateLimitDecision(true, limit, limit - _accepted.Count, _accepted.Peek() + window);
            }

            _blockedUntil = _lastAccepted + window;
            return new RateLimitDecision(false, limit, 0, _blockedUntil.Value);
        }
    }
}
