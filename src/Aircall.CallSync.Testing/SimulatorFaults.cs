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

    /// <summary>Removes every scripted fault that has not fired yet, and stops <see cref="LateStartedAt"/>.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
            ClearPageFaults();
        }
    }

    internal FaultDecision Decide(int requestNumber, string path)
    {
        lock (_lock)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var rule = _rules[i];
                if (!rule.Applies(requestNumber, path))
                {
                    continue;
                }

                if (--rule.Remaining <= 0 || rule.RequestNumber is not null)
                {
                    _rules.RemoveAt(i);
                }

                return new FaultDecision(rule.Kind, rule.StatusCode, rule.Delay);
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
