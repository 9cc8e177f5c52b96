using Aircall.CallSync.Models;
using Aircall.CallSync.Testing.Media;

namespace Aircall.CallSync.Testing.Data;

/// <summary>
/// An account's calls, sorted by creation time (then id), which is what <c>from</c>, <c>to</c> and <c>order</c> use: compact slots generated from a seed, plus
/// an overlay of what the API changed. Range queries use binary search, so paging a window costs O(log N + page size).
/// Thread-safe.
/// </summary>
internal sealed class CallTimeline
{
    private readonly Lock _lock = new();
    private readonly List<CallSlot> _slots;
    private readonly Dictionary<long, long> _startedById;
    private readonly Dictionary<long, CallOverlay> _overlays = [];
    private long _nextId;

    public CallTimeline(long seed, long idBase, int count, DateTimeOffset periodEnd, TimeSpan period, int callsInBusiestSecond)
    {
        Seed = seed;
        var end = periodEnd.ToUnixTimeSeconds();
        var span = Math.Max(1, (long)period.TotalSeconds);
        var start = end - span;
        var r = new SplitMix(seed, idBase, 3);
        var offsets = new long[count];
        Span<long> hot = [r.NextInt64(span), r.NextInt64(span), r.NextInt64(span)];
        var busiest = Math.Min(callsInBusiestSecond, count);
        for (var i = 0; i < count; i++)
        {
            offsets[i] = i < busiest ? span / 2 : r.Chance(0.08) ? hot[r.Next(hot.Length)] : r.NextInt64(span);
        }

        Array.Sort(offsets);
        _slots = new List<CallSlot>(count);
        _startedById = new Dictionary<long, long>(count);
        _nextId = idBase + 1;
        foreach (var offset in offsets)
        {
            AppendSlot(start + offset);
        }
    }

    public long Seed { get; }

    /// <summary>Signs the recording and voicemail links of the calls built here (set once by the simulator); <c>null</c> leaves them unsigned.</summary>
    public SimulatorMedia? Media { get; init; }

    /// <summary>The account name the links carry.</summary>
    public string Account { get; init; } = "unsigned";

    /// <summary>Links issued now on <paramref name="baseAddress"/> (default: the simulator's <see cref="AircallSimulator.BaseAddress"/>).</summary>
    public MediaLinks Links(Uri? baseAddress = null) => Media?.LinksFor(Account, baseAddress) ?? default;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>Adds calls created at <paramref name="at"/> (whole seconds) and returns their ids.</summary>
    public IReadOnlyList<long> Add(int count, DateTimeOffset at)
    {
        var second = at.ToUnixTimeSeconds();
        var ids = new long[count];
        lock (_lock)
        {
            var added = new CallSlot[count];
            for (var i = 0; i < count; i++)
            {
                added[i] = NewSlot(second);
                ids[i] = added[i].Id;
            }

            _slots.InsertRange(UpperBound(second), added);
        }

        return ids;
    }

    /// <summary>One page of matches in the query's order, and how many calls match in all.</summary>
    public (int Total, CallSlot[] Page, CallOverlay?[] Overlays) Query(CallFilter query, int offset, int limit)
    {
        lock (_lock)
        {
            var lo = query.From is { } from ? LowerBound(from) : 0;
            var hi = query.To is { } to ? UpperBound(to) : _slots.Count;
            if (hi < lo)
            {
                hi = lo;
            }

            List<CallSlot> page = [];
            var total = 0;
            if (!query.HasFilters)
            {
                total = hi - lo;
                for (var k = offset; k < offset + limit && k < total; k++)
                {
                    page.Add(_slots[query.Descending ? hi - 1 - k : lo + k]);
                }
            }
            else
            {
                for (var k = 0; k < hi - lo; k++)
                {
                    var slot = _slots[query.Descending ? hi - 1 - k : lo + k];
                    if (query.Matches(slot))
                    {
                        if (total >= offset && total < offset + limit)
                        {
                            page.Add(slot);
                        }

                        total++;
                    }
                }
            }

            var overlays = new CallOverlay?[page.Count];
            for (var i = 0; i < page.Count; i++)
            {
                overlays[i] = _overlays.GetValueOrDefault(page[i].Id);
            }

            return (total, [.. page], overlays);
        }
    }

    /// <summary>Builds the current state of a call at a lifecycle stage; <c>null</c> when the id is unknown.</summary>
    public Call? Get(long id, LifecycleStage stage = LifecycleStage.Final, bool webhookShape = false, long startedAtDelay = 0, Uri? mediaBase = null)
    {
        CallSlot slot;
        CallOverlay? overlay;
        lock (_lock)
        {
            var index = IndexOf(id);
            if (index < 0)
            {
                return null;
            }

            slot = _slots[index];
            overlay = _overlays.GetValueOrDefault(id);
        }

        return CallGenerator.Build(Seed, slot, overlay, stage, webhookShape, startedAtDelay, Links(mediaBase));
    }

    /// <summary>The facets of a call, or <c>null</c>.</summary>
    public CallFacets? GetFacets(long id)
    {
        lock (_lock)
        {
            var index = IndexOf(id);
            return index < 0 ? null : _slots[index].Facets;
        }
    }

    /// <summary>Changes a call under the lock; returns <c>false</c> when the id is unknown.</summary>
    public bool Mutate(long id, MutateCall mutate)
    {
        lock (_lock)
        {
            var index = IndexOf(id);
            if (index < 0)
            {
                return false;
            }

            if (!_overlays.TryGetValue(id, out var overlay))
            {
                overlay = new CallOverlay();
                _overlays[id] = overlay;
            }

            var slot = _slots[index];
            var accepted = mutate(ref slot.Facets, overlay);
            _slots[index] = slot;
            return accepted;
        }
    }

    /// <summary>Every call, ascending, built lazily from a snapshot of the slots.</summary>
    public IEnumerable<Call> Enumerate()
    {
        CallSlot[] slots;
        lock (_lock)
        {
            slots = [.. _slots];
        }

        foreach (var slot in slots)
        {
            CallOverlay? overlay;
            lock (_lock)
            {
                overlay = _overlays.GetValueOrDefault(slot.Id);
            }

            yield return CallGenerator.Build(Seed, slot, overlay, LifecycleStage.Final, webhookShape: false, links: Links());
        }
    }

    private void AppendSlot(long second) => _slots.Add(NewSlot(second));

    private CallSlot NewSlot(long second)
    {
        var id = _nextId++;
        _startedById[id] = second;
        return new CallSlot { CreatedAt = second, Id = id, Facets = CallGenerator.Facets(Seed, id) };
    }

    private int IndexOf(long id)
    {
        if (!_startedById.TryGetValue(id, out var second))
        {
            return -1;
        }

        for (var i = LowerBound(second); i < _slots.Count && _slots[i].CreatedAt == second; i++)
        {
            if (_slots[i].Id == id)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The first index whose call started at or after <paramref name="second"/>.</summary>
    private int LowerBound(long second)
    {
        int lo = 0, hi = _slots.Count;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_slots[mid].CreatedAt < second)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>The first index whose call started after <paramref name="second"/>.</summary>
    private int UpperBound(long second) => second == long.MaxValue ? _slots.Count : LowerBound(second + 1);
}
