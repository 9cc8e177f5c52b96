using Aircall.CallSync.Testing.Data;
using Aircall.CallSync.Testing.Http;

namespace Aircall.CallSync.Testing;

// Faults in the content of call lists (GET /v1/calls and /v1/calls/search): pages that contradict what the API said
// before, 200 bodies that are not a call list, and started_at values that differ from the creation time the API orders
// and filters by. Only list requests consume these rules, after the request-level faults above found nothing to do.
public sealed partial class SimulatorFaults
{
    private readonly List<PageFaultRule> _pageRules = [];
    private double _lateShare;
    private long _lateMaxSeconds;

    /// <summary>
    /// The next <paramref name="count"/> matching list requests are answered 200 with <c>"calls": []</c> while
    /// <c>meta</c> keeps the real <c>total</c> and sets <c>next_page_link</c> as if more pages followed: a page that
    /// contradicts the total announced before. Asking again gets the real page.
    /// </summary>
    /// <param name="count">How many list requests.</param>
    /// <param name="pathPrefix">Only requests whose path starts with this; <c>null</c> for <c>/v1/calls</c> and <c>/v1/calls/search</c>.</param>
    public void EmptyPageNext(int count, string? pathPrefix = null)
        => AddPage(new PageFaultRule { Kind = PageFaultKind.EmptyPage, Remaining = count, PathPrefix = pathPrefix });

    /// <summary>
    /// The next <paramref name="count"/> matching list requests are answered with only the first
    /// <paramref name="callsKept"/> calls of the real page and <c>next_page_link: null</c>, while <c>meta.total</c> still
    /// says more calls match: a short "last" page that ends the listing early. Asking again gets the real page.
    /// </summary>
    /// <param name="count">How many list requests.</param>
    /// <param name="callsKept">How many of the page's calls to keep (0 to 49; default 10).</param>
    /// <param name="pathPrefix">Only requests whose path starts with this; <c>null</c> for <c>/v1/calls</c> and <c>/v1/calls/search</c>.</param>
    public void ShortPageNext(int count, int callsKept = 10, string? pathPrefix = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(callsKept);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(callsKept, Http.Paging.MaxPerPage - 1);
        AddPage(new PageFaultRule { Kind = PageFaultKind.ShortPage, Remaining = count, Keep = callsKept, PathPrefix = pathPrefix });
    }

    /// <summary>
    /// The next <paramref name="count"/> matching list requests are answered 200 with valid JSON that is not the documented
    /// call list: <c>{}</c>, <c>"calls": null</c>, or a <c>null</c> entry among the calls (see <see cref="SimulatorPageBody"/>).
    /// </summary>
    /// <param name="count">How many list requests.</param>
    /// <param name="body">Which body.</param>
    /// <param name="pathPrefix">Only requests whose path starts with this; <c>null</c> for <c>/v1/calls</c> and <c>/v1/calls/search</c>.</param>
    public void UnexpectedBodyNext(int count, SimulatorPageBody body, string? pathPrefix = null)
    {
        var kind = body switch
        {
            SimulatorPageBody.EmptyObject => PageFaultKind.EmptyObject,
            SimulatorPageBody.NullCalls => PageFaultKind.NullCalls,
            SimulatorPageBody.NullEntry => PageFaultKind.NullEntry,
            _ => throw new ArgumentOutOfRangeException(nameof(body), body, "Unknown body."),
        };
        AddPage(new PageFaultRule { Kind = kind, Remaining = count, PathPrefix = pathPrefix });
    }

    /// <summary>
    /// From now on (until <see cref="Clear"/>), a share of the calls carry a <c>started_at</c> later than their creation
    /// time, by 1 second to <paramref name="maxDelay"/> (seeded, the same for a call in every response). The API still
    /// filters (<c>from</c>/<c>to</c>) and orders by creation time, as Aircall does, so listed calls are no longer in
    /// <c>started_at</c> order. Applies to <c>GET /v1/calls</c>, <c>/v1/calls/search</c> and <c>/v1/calls/{id}</c>;
    /// <see cref="SimulatedAccount.EnumerateCalls"/> shows creation times.
    /// </summary>
    /// <param name="share">The share of calls affected, 0 to 1 (1: every call).</param>
    /// <param name="maxDelay">The largest delay, at least one second.</param>
    public void LateStartedAt(double share, TimeSpan maxDelay)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(share);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, TimeSpan.FromSeconds(1));
        lock (_lock)
        {
            _lateShare = share;
            _lateMaxSeconds = (long)maxDelay.TotalSeconds;
        }
    }

    /// <summary>The page fault for a list request, consumed; <c>null</c> for none.</summary>
    internal PageFaultRule? DecidePage(string path)
    {
        lock (_lock)
        {
            for (var i = 0; i < _pageRules.Count; i++)
            {
                var rule = _pageRules[i];
                if (!rule.Applies(path))
                {
                    continue;
                }

                if (--rule.Remaining <= 0)
                {
                    _pageRules.RemoveAt(i);
                }

                return rule;
            }

            return null;
        }
    }

    /// <summary>How many seconds the call's <c>started_at</c> lies after its creation second (0 for most calls).</summary>
    internal long StartedAtDelay(long callId)
    {
        double share;
        long max;
        lock (_lock)
        {
            (share, max) = (_lateShare, _lateMaxSeconds);
        }

        if (share <= 0)
        {
            return 0;
        }

        var random = new SplitMix(_options.Seed, callId, 11);
        return random.Chance(share) ? 1 + random.NextInt64(max) : 0;
    }

    private void ClearPageFaults()
    {
        _pageRules.Clear();
        _lateShare = 0;
        _lateMaxSeconds = 0;
    }

    private void AddPage(PageFaultRule rule)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(rule.Remaining);
        lock (_lock)
        {
            _pageRules.Add(rule);
        }
    }
}
