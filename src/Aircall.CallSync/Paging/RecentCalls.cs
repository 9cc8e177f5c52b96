namespace Aircall.CallSync;

/// <summary>
/// The calls an enumeration returned that a re-anchored window can list again, for de-duplication and for confirming a
/// re-anchor. It always keeps the last <see cref="Trailing"/> calls returned, and every call whose <c>started_at</c> is
/// within two overlaps of the <em>frontier</em>: the earliest <c>started_at</c> among those last calls. Measuring from
/// that minimum rather than from the newest call means one call whose <c>started_at</c> lies far after its creation time
/// (which is what Aircall orders and filters by) cannot make the others be forgotten. Pruned as the enumeration moves on,
/// so it stays small.
/// </summary>
internal sealed class RecentCalls
{
    /// <summary>The trailing range: the last page's worth of calls returned.</summary>
    internal const int Trailing = CallPageable.PageSize;

    private readonly List<(long Started, long Id)> _order;
    private readonly HashSet<long> _ids = [];
    private readonly long _overlapSeconds;
    private int _head;
    private int _compactAt = 8 * Trailing;

    public RecentCalls(long overlapSeconds, List<RecentCall> saved)
    {
        _overlapSeconds = overlapSeconds;
        _order = new List<(long, long)>(Math.Max(saved.Count, Trailing));
        foreach (var pair in saved)
        {
            if (_ids.Add(pair.Id))
            {
                _order.Add((pair.Started, pair.Id));
            }
        }
    }

    public int Count => _ids.Count;

    public bool Contains(long id) => _ids.Contains(id);

    /// <summary>How many remembered calls started at or after <paramref name="from"/>.</summary>
    public int CountFrom(long? from)
    {
        if (from is null)
        {
            return _ids.Count;
        }

        var count = 0;
        for (var i = _head; i < _order.Count; i++)
        {
            if (_order[i].Started >= from)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The earliest <c>started_at</c> among the last <see cref="Trailing"/> calls returned; <c>null</c> when none.</summary>
    public long? Frontier() => MinStarted(Math.Max(_head, _order.Count - Trailing));

    /// <summary>The earliest <c>started_at</c> of every remembered call; <c>null</c> when none.</summary>
    public long? Oldest() => MinStarted(_head);

    /// <summary>Remembers a returned call; forgets those that started more than two overlaps before the frontier.</summary>
    public void Add(long started, long id)
    {
        if (_ids.Add(id))
        {
            _order.Add((started, id));
        }

        var limit = Frontier()!.Value - (2 * _overlapSeconds);
        var keepFrom = _order.Count - Trailing;
        while (_head < keepFrom && _order[_head].Started < limit)
        {
            _ids.Remove(_order[_head++].Id);
        }

        if (_order.Count - _head > _compactAt)
        {
            // Calls behind one that started late are not at the head: sweep the whole range now and then.
            Compact(limit, keepFrom);
        }
        else if (_head > 4 * Trailing && _head > _order.Count / 2)
        {
            _order.RemoveRange(0, _head);
            _head = 0;
        }
    }

    public List<RecentCall> Export()
    {
        var list = new List<RecentCall>(_order.Count - _head);
        for (var i = _head; i < _order.Count; i++)
        {
            list.Add(new RecentCall(_order[i].Started, _order[i].Id));
        }

        return list;
    }

    private long? MinStarted(int start)
    {
        long? min = null;
        for (var i = start; i < _order.Count; i++)
        {
            if (min is null || _order[i].Started < min)
            {
                min = _order[i].Started;
            }
        }

        return min;
    }

    private void Compact(long limit, int keepFrom)
    {
        var kept = 0;
        for (var i = _head; i < _order.Count; i++)
        {
            var entry = _order[i];
            if (i >= keepFrom || entry.Started >= limit)
            {
                _order[kept++] = entry;
            }
            else
            {
                _ids.Remove(entry.Id);
            }
        }

        _order.RemoveRange(kept, _order.Count - kept);
        _head = 0;
        _compactAt = Math.Max(8 * Trailing, 2 * kept);
    }
}
