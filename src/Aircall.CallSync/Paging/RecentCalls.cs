namespace Aircall.CallSync.Paging;

/// <summary>
/// The calls an enumeration returned within two overlaps of the newest: those a re-anchored window can list again (its
/// <c>from</c> is at most one overlap back; the second absorbs calls whose creation time, which Aircall filters on, is a
/// little later than their <c>started_at</c>). Lookup by id for de-duplication; pruned as the enumeration moves on, so
/// it stays small.
/// </summary>
internal sealed class RecentCalls
{
    private readonly Queue<(long Started, long Id)> _order = new();
    private readonly HashSet<long> _ids = [];
    private readonly long _overlapSeconds;

    public RecentCalls(long overlapSeconds, List<long[]> saved)
    {
        _overlapSeconds = overlapSeconds;
        foreach (var pair in saved)
        {
            if (pair is [var started, var id] && _ids.Add(id))
            {
                _order.Enqueue((started, id));
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
        foreach (var (started, _) in _order)
        {
            if (started >= from)
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Remembers a returned call; forgets those that started more than two overlaps before <paramref name="newest"/>.</summary>
    public void Add(long started, long id, long newest)
    {
        if (_ids.Add(id))
        {
            _order.Enqueue((started, id));
        }

        while (_order.Count > 0 && _order.Peek().Started < newest - (2 * _overlapSeconds))
        {
            _ids.Remove(_order.Dequeue().Id);
        }
    }

    public List<long[]> Export()
    {
        var list = new List<long[]>(_order.Count);
        foreach (var (started, id) in _order)
        {
            list.Add([started, id]);
        }

        return list;
    }
}
