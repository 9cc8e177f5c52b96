using Aircall.CallSync.Models;


namespace Aircall.CallSync;

/// <summary>
/// One page of an enumeration of calls: up to 50 calls, the time Aircall produced them, and the checkpoint from which a
/// new enumeration continues exactly after this page.
/// </summary>
public sealed class CallPage
{
    /// <summary>Creates a page; for tests and mocks, see <see cref="AircallModelFactory.CallPage"/>.</summary>
    /// <param name="calls">The calls, oldest first.</param>
    /// <param name="continuationToken">The checkpoint after this page.</param>
    /// <param name="version">When Aircall produced the page.</param>
    /// <param name="isLast">Whether this is the last page.</param>
    /// <param name="callsReturned">Calls returned by the enumeration so far, this page included.</param>
    /// <param name="estimatedTotal">Estimated calls in the whole range, when known.</param>
    /// <param name="windowFrom">The lower bound of the window this page came from.</param>
    /// <param name="to">The fixed upper bound of the range.</param>
    internal CallPage(IReadOnlyList<Call> calls, string continuationToken, DateTimeOffset version, bool isLast, long callsReturned, long? estimatedTotal, DateTimeOffset? windowFrom, DateTimeOffset to)
    {
        Calls = calls ?? throw new ArgumentNullException(nameof(calls));
        ContinuationToken = continuationToken ?? throw new ArgumentNullException(nameof(continuationToken));
        Version = version;
        IsLast = isLast;
        CallsReturned = callsReturned;
        EstimatedTotal = estimatedTotal;
        WindowFrom = windowFrom;
        To = to;
    }

    /// <summary>The calls of this page, oldest first, none returned before by the same enumeration.</summary>
    public IReadOnlyList<Call> Calls { get; }

    /// <summary>
    /// An opaque checkpoint: pass it to <see cref="CallPageable.AsPages"/> (same query) to continue right after this page,
    /// in this process or another. Store it only once you have stored the page. Contains no credentials or personal data.
    /// </summary>
    public string ContinuationToken { get; }

    /// <summary>
    /// When Aircall produced this page (the response's <c>Date</c> header; the local clock when the header is missing or
    /// more than <c>Aircall:MaxClockSkew</c> from it, so that a skewed server clock cannot pin or starve the stored rows):
    /// the version to store the calls with (see <see cref="Storage.CallWrite"/>).
    /// </summary>
    public DateTimeOffset Version { get; }

    /// <summary>Whether this is the last page of the enumeration.</summary>
    public bool IsLast { get; }

    /// <summary>Calls returned by the enumeration so far, this page included (counted across resumptions).</summary>
    public long CallsReturned { get; }

    /// <summary>
    /// How many calls the whole range holds, estimated from Aircall's <c>meta.total</c> for the current window; <c>null</c>
    /// when Aircall sent no total. Calls created or deleted meanwhile make it drift slightly.
    /// </summary>
    public long? EstimatedTotal { get; }

    /// <summary>
    /// The lower creation-time bound of the window this page came from. It moves forward each time the enumeration
    /// re-anchors to get past Aircall's 10,000-result cap; <c>null</c> for the first window of an open range.
    /// </summary>
    public DateTimeOffset? WindowFrom { get; }

    /// <summary>The fixed upper creation-time bound of the range.</summary>
    public DateTimeOffset To { get; }
}
