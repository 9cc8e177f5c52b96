using Aircall.CallSync.Testing.Data;
using Aircall.CallSync.Testing.Http;

namespace Aircall.CallSync.Testing;

/// <summary>
/// Scripted faults of an <see cref="AircallSimulator"/>: "the next 3 requests to <c>/v1/calls</c> answer 503", "drop
/// the connection of request #7". Scripted faults apply after authentication and rate limiting (a faulted request
/// still counts against the limit), first-scripted first; then the probabilistic rates of
/// <see cref="AircallSimulatorOptions"/> apply. Path prefixes compare case-insensitively
/// (<c>/v1/calls</c> also matches <c>/v1/calls/search</c> and <c>/v1/calls/42</c>). Thread-safe.
/// </summary>
public sealed partial class SimulatorFaults
{
    private readonly Lock _lock = new();
    private readonly List<FaultRule> _rules = [];
    private readonly List<FaultRule> _skews = [];
    private readonly AircallSimulatorOptions _options;
    private SplitMix _random;

    internal SimulatorFaults(AircallSimulatorOptions options)
    {
        _options = options;
        _random = new SplitMix(options.Seed, 0, 7);
    }

    /// <summary>The next <paramref name="count"/> matching requests answer <paramref name="statusCode"/> (default 503).</summary>
    /// <param name="count">How many requests.</param>
    /// <param name="statusCode">The status code, usually 5xx.</param>
    /// <param name="pathPrefix">Only requests whose path starts with this; <c>null</c> for every request.</param>
    public void FailNext(int count, int statusCode = 503, string? pathPrefix = null)
        => Add(new FaultRule { Kind = FaultKind.ServerError, Remaining = count, StatusCode = statusCode, PathPrefix = pathPrefix });

    /// <summary>
    /// The next <paramref name="count"/> matching requests of <paramref name="account"/> answer <paramref name="statusCode"/>
    /// (default 503); other accounts are answered as usual. For one company's outage among many (a fleet of accounts).
    /// </summary>
    /// <param name="account">The account, as <see cref="AircallSimulator.AddAccount(string, string, int, string?)"/> or <see cref="AircallSimulator.Accounts"/> returned it.</param>
    /// <param name="count">How many of its requests.</param>
    /// <param name="statusCode">The status code, usually 5xx.</param>
    /// <param name="pathPrefix">Only requests whose path starts with this; <c>null</c> for every request of the account.</param>
    public void FailNextFor(SimulatedAccount account, int count, int statusCode = 503, string? pathPrefix = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        Add(new FaultRule { Kind = FaultKind.ServerError, Remaining = count, StatusCode = statusCode, PathPrefix = pathPrefix, Account = account });
    }

    /// <summary>
    /// The next <paramref name="count"/> matching requests lose their connection without a response: in memory the handler
    /// throws <see cref="HttpRequestException"/> (inner <see cref="IOException"/>); on Kestrel the connection is aborted.
    /// </summary>
    /// <param name="count">How many requests.</param>
    /// <param name="pathPrefix">Only requests whose path starts with this; <c>null</c> for every request.</param>
    public void DropNext(int count, string? pathPrefix = null)
        => Add(new FaultRule { Kind = FaultKind.Drop, Remaining = count, PathPrefix = pathPrefix });

    /// <summary>Drops the connection of the request numbered <paramref name="requestNumber"/> (see <see cref="SimulatorRequest.Number"/>).</summary>
    /// <param name="requestNumber">The 1-based request number, over all accounts.</param>
    public void DropRequest(int requestNumber)
        => Add(new FaultRule { Kind = FaultKind.Drop, RequestNumber = requestNumber, Remaining = 1 });

    /// <summary>The next <paramref name="count"/> matching requests are answered normally after <paramref name="delay"/> on the simulator's clock.</summary>
    /// <param name="count">How many requests.</param>
    /// <param name="delay">The delay (advance a fake clock past it).</param>
    /// <param name="pathPrefix">Only requests whose path starts with this; <c>null</c> for every request.</param>
    public void SlowNext(int count, TimeSpan delay, string? pathPrefix = null)
        => Add(new FaultRule { Kind = FaultKind.Slow, Remaining = count, Delay = delay, PathPrefix = pathPrefix });

    /// <summary>The next <paramref name="count"/> matching requests are answered 200 with truncated, invalid JSON.</summary>
    /// <param name="count">How many requests.</param>
    /// <param name="pathPrefix">Only requests whose path starts with this; <c>null</c> for every request.</param>
    public void MalformNext(int count, string? pathPrefix = null)
        => Add(new FaultRule { Kind = FaultKind.Malformed, Remaining = count, PathPrefix = pathPrefix });

    /// <summary>
    /// The next <paramref name="count"/> matching requests send their status, headers (with the full
    /// <c>Content-Length</c>) and the first <paramref name="bytesBeforeStall"/> bytes of their normal body, then stall:
    /// nothing more is sent until the client gives up (closes the connection or cancels) or the simulator is disposed.
    /// Reproduces a server that hangs mid-body; a client without a timeout on reading the body hangs with it.
    /// </summary>
    /// <param name="count">How many requests.</param>
    /// <param name="bytesBeforeStall">Bytes of the body sent before the stall (default 200); always fewer than the whole body.</param>
    /// <param name="pathPrefix">Only requests whose path starts with this; <c>null</c> for every request.</param>
    public void StallBodyNext(int count, int bytesBeforeStall = 200, string? pathPrefix = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytesBeforeStall);
        Add(new FaultRule { Kind = FaultKind.StallBody, Remaining = count, Bytes = bytesBeforeStall, PathPrefix = pathPrefix });
    }

    /// <summary>
    /// The next <paramref name="count"/> matching requests carry <c>X-AircallApi-Remaining: 0</c> and an
    /// <c>X-AircallApi-Reset</c> <paramref name="ahead"/> of the simulator's clock (in epoch seconds, or milliseconds with
    /// <see cref="AircallSimulatorOptions.RateLimitResetInMilliseconds"/>), whatever the account's real budget: answered
    /// 429 when <paramref name="tooManyRequests"/> is <c>true</c> (default), otherwise answered normally (200) with those
    /// headers. The account is not actually blocked: a client that waits a window and retries gets through. Reproduces a
    /// reset a day ahead, or in the year 2100.
    /// </summary>
    /// <param name="count">How many requests.</param>
    /// <param name="ahead">How far ahead of now the reset is; must be positive.</param>
    /// <param name="tooManyRequests"><c>true</c> for a 429, <c>false</c> for a normal answer with nothing remaining.</param>
    /// <param name="pathPrefix">Only requests whose path starts with this; <c>null</c> for every request.</param>
    public void ResetFarAheadNext(int count, TimeSpan ahead, bool tooManyRequests = true, string? pathPrefix = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ahead, TimeSpan.Zero);
        Add(new FaultRule
        {
            Kind = FaultKind.ResetFarAhead, Remaining = count, Delay = ahead, StatusCode = tooManyRequests ? 429 : 200, PathPrefix = pathPrefix,
        });
    }

    /// <summary>
    /// The next <paramref name="count"/> matching responses, whatever their status (401, 429 and faults included), carry a
    /// <c>Date</c> header <paramref name="offset"/> away from the simulator's clock, as from a server whose clock is off
    /// (positive: ahead). With <paramref name="skewReset"/> (default), an <c>X-AircallApi-Reset</c> on those responses is
    /// shifted by the same offset, since that server computes it on its own clock. Combines with the other faults: it is
    /// counted separately, and <see cref="SimulatorRequest.Fault"/> says <c>skew-date</c> when no other fault applied.
    /// </summary>
    /// <param name="count">How many responses.</param>
    /// <param name="offset">How far off the server's clock is.</param>
    /// <param name="pathPrefix">Only requests whose path starts with this; <c>null</c> for every request.</param>
    /// <param name="skewReset">Whether <c>X-AircallApi-Reset</c> is shifted too.</param>
    public void SkewDateNext(int count, TimeSpan offset, string? pathPrefix = null, bool skewReset = true)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        lock (_lock)
        {
            _skews.Add(new FaultRule { Kind = FaultKind.SkewDate, Remaining = count, Delay = offset, PathPrefix = pathPrefix, SkewReset = skewReset });
        }
    }

    /// <summary>Removes every scripted fault that has not fired yet, and stops <see cref="LateStartedAt"/>.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
            ClearPageFaults();
            _skews.Clear();
        }
    }

    /// <summary>The skewed <c>Date</c> for this response, if one is scripted; consumed here.</summary>
    internal FaultDecision? DecideSkew(int requestNumber, string path)
    {
        lock (_lock)
        {
            for (var i = 0; i < _skews.Count; i++)
            {
                var rule = _skews[i];
                if (rule.Applies(requestNumber, path))
                {
                    if (--rule.Remaining <= 0)
                    {
                        _skews.RemoveAt(i);
                    }

                    return new FaultDecision(FaultKind.SkewDate, 0, rule.Delay, SkewReset: rule.SkewReset);
                }
            }

            return null;
        }
    }

    internal FaultDecision Decide(int requestNumber, string path, SimulatedAccount? account = null)
    {
        lock (_lock)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!rule.Applies(requestNumber, path, account))
                {
                    continue;
                }

                if (--rule.Remaining <= 0 || rule.RequestNumber is not null)
                {
                    _rules.RemoveAt(i);
                }

                return new FaultDecision(rule.Kind, rule.StatusCode, rule.Delay, rule.Bytes);
            }

            if (_random.Chance(_options.DroppedConnectionRate))
            {
                return new FaultDecision(FaultKind.Drop, 0, default);
            }

            if (_random.Chance(_options.ServerErrorRate))
            {
                return new FaultDecision(FaultKind.ServerError, 503, default);
            }

            if (_random.Chance(_options.SlowResponseRate))
            {
                return new FaultDecision(FaultKind.Slow, 0, _options.SlowResponseDelay);
            }

            return _random.Chance(_options.MalformedJsonRate) ? new FaultDecision(FaultKind.Malformed, 0, default) : FaultDecision.None;
        }
    }

    private void Add(FaultRule rule)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rule.Remaining);
        lock (_lock)
        {
            _rules.Add(rule);
        }
    }
}
