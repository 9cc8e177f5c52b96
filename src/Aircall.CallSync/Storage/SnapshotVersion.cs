namespace Aircall.CallSync.Storage;

/// <summary>
/// Bounds the clocks that order snapshots of a call before a store compares them. A version comes from Aircall (the
/// response's <c>Date</c> header, the webhook envelope's <c>timestamp</c>), and a value from the wire is data: one far
/// ahead would pin the row (every later snapshot looks older), one far behind would make a snapshot lose to everything.
/// The local clock (kept by NTP) is the reference; Aircall's clock is trusted within <c>maxSkew</c> of it.
/// </summary>
internal static class SnapshotVersion
{
    /// <summary>The default tolerance between Aircall's clock and ours: 5 minutes.</summary>
    internal static readonly TimeSpan DefaultMaxClockSkew = TimeSpan.FromMinutes(5);

    /// <summary>The largest tolerance the options accept: beyond a day a skewed clock could pin a row for that long.</summary>
    internal static readonly TimeSpan MaxConfigurableSkew = TimeSpan.FromDays(1);

    /// <summary>
    /// The version of a page of calls: the response's <c>Date</c> when it is within <paramref name="maxSkew"/> of the
    /// local clock, in either direction; otherwise (or when it is missing) the local clock.
    /// </summary>
    /// <param name="date">The response's <c>Date</c> header, if any.</param>
    /// <param name="now">The local clock.</param>
    /// <param name="maxSkew">The tolerance.</param>
    /// <param name="untrusted"><c>true</c> when a <c>Date</c> was present but outside the tolerance.</param>
    internal static DateTimeOffset ForPage(DateTimeOffset? date, DateTimeOffset now, TimeSpan maxSkew, out bool untrusted)
    {
        untrusted = false;
        if (date is not { } value)
        {
            return now;
        }

        if (value > now + maxSkew || value < now - maxSkew)
        {
            untrusted = true;
            return now;
        }

        return value;
    }

    /// <summary>
    /// The version of a webhook delivery: its <c>timestamp</c>, unless that is more than <paramref name="maxSkew"/>
    /// ahead of the local clock, in which case the time it was received. An old timestamp is kept as it is: Aircall
    /// retries a delivery for hours, and an old version can only lose to newer state, never pin a row.
    /// </summary>
    /// <param name="timestamp">The envelope's timestamp.</param>
    /// <param name="now">The local clock when the delivery was received.</param>
    /// <param name="maxSkew">The tolerance.</param>
    /// <param name="replaced"><c>true</c> when the timestamp was too far ahead and the receipt time was used.</param>
    internal static DateTimeOffset ForDelivery(DateTimeOffset timestamp, DateTimeOffset now, TimeSpan maxSkew, out bool replaced)
    {
        replaced = timestamp > now + maxSkew;
        return replaced ? now : timestamp;
    }
}
