using System.Globalization;

namespace Aircall.CallSync;

/// <summary>
/// More calls than Aircall's 10,000-result cap share one creation second, so no <c>from</c>/<c>to</c> window can list
/// them all (the API's time filters have one-second resolution). The enumeration stops rather than skip calls.
/// Split the query with search filters (direction, user, tags) so that each part holds fewer than 10,000 calls in that
/// second, or ask Aircall support for an export.
/// </summary>
public sealed class CallWindowOverflowException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="second">The creation second that holds too many calls.</param>
    public CallWindowOverflowException(DateTimeOffset second)
        : base(string.Create(CultureInfo.InvariantCulture,
            $"More than 10,000 calls were created in the second {second:yyyy-MM-dd HH:mm:ss}Z (UNIX {second.ToUnixTimeSeconds()}). Aircall's API returns at most 10,000 results per query and its from/to filters have one-second resolution, so these calls cannot all be listed: split the query with search filters (direction, user_id, tags) or ask Aircall support for an export. The calls before that second were returned; nothing was skipped silently."))
    {
        Second = second;
    }

    /// <summary>The creation second that holds too many calls.</summary>
    public DateTimeOffset Second { get; }
}
