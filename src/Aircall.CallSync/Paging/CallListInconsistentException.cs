using System.Globalization;

namespace Aircall.CallSync;

/// <summary>
/// Aircall kept answering a page of calls in a way that contradicts what it said before (an empty page while
/// <c>next_page_link</c> says more follow, a "last" page while <c>meta.total</c> says more calls match), or a re-anchored
/// window could not be confirmed to start at or before the last call listed. The enumeration asked again a bounded number
/// of times and stops rather than end early or skip calls: every call returned so far is sound, and the checkpoint of the
/// last page returned still holds. Run the sync again later (it resumes from that checkpoint); if it keeps failing at the
/// same place, send Aircall support the window in <see cref="Exception.Message"/>.
/// </summary>
public sealed class CallListInconsistentException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What Aircall answered and what to do.</param>
    /// <param name="page">The page of the window that contradicted (1-based).</param>
    /// <param name="windowFrom">The window's lower creation-time bound; <c>null</c> for an open start.</param>
    /// <param name="to">The enumeration's fixed upper creation-time bound.</param>
    public CallListInconsistentException(string message, int page, DateTimeOffset? windowFrom, DateTimeOffset to)
        : base(message)
    {
        Page = page;
        WindowFrom = windowFrom;
        To = to;
    }

    /// <summary>The page of the window that contradicted (1-based).</summary>
    public int Page { get; }

    /// <summary>The window's lower creation-time bound; <c>null</c> for an open start.</summary>
    public DateTimeOffset? WindowFrom { get; }

    /// <summary>The enumeration's fixed upper creation-time bound.</summary>
    public DateTimeOffset To { get; }

    internal static string Describe(DateTimeOffset? from, DateTimeOffset to)
        => string.Create(CultureInfo.InvariantCulture, $"from {(from is { } f ? f.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture) : "the start")} to {to.ToUnixTimeSeconds()} (UNIX seconds)");
}
