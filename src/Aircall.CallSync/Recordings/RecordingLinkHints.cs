using System.Collections.Concurrent;

namespace Aircall.CallSync.Recordings;

/// <summary>
/// The signed links the archiver last saw, in memory only (never in the queue, which is durable: a link is a short-lived
/// credential). A job with no link here, after a restart or because it was dropped, re-fetches its call. Bounded: past
/// <see cref="Capacity"/> links, expired ones are dropped, then new ones are not kept.
/// </summary>
internal sealed class RecordingLinkHints(TimeProvider timeProvider)
{
    internal const int Capacity = 10_000;

    private readonly ConcurrentDictionary<RecordingArchiveKey, Uri> _links = new();

    internal int Count => _links.Count;

    internal void Offer(RecordingArchiveKey key, Uri link)
    {
        if (_links.Count >= Capacity && !_links.ContainsKey(key))
        {
            var now = timeProvider.GetUtcNow();
            foreach (var entry in _links)
            {
                if (SignedLink.ExpiresAt(entry.Value) is not { } expires || expires <= now)
                {
                    _links.TryRemove(entry.Key, out _);
                }
            }

            if (_links.Count >= Capacity)
            {
                return;
            }
        }

        _links[key] = link;
    }

    internal Uri? Take(RecordingArchiveKey key) => _links.TryRemove(key, out var link) ? link : null;
}
