using System.Globalization;
using System.Net.Http.Headers;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Http;

/// <summary>Reads Aircall's <c>X-AircallApi-*</c> headers and <c>Retry-After</c>, tolerating absent or odd values.</summary>
internal static class RateLimitHeaders
{
    internal const string Limit = "X-AircallApi-Limit";
    internal const string Remaining = "X-AircallApi-Remaining";
    internal const string Reset = "X-AircallApi-Reset";

    /// <summary>Returns what the headers say, or <c>null</c> when none of them is present.</summary>
    /// <param name="headers">The response headers (names are matched case-insensitively).</param>
    /// <param name="now">The current time, for a relative <c>Retry-After</c>.</param>
    internal static RateLimitInfo? Parse(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var limit = ReadInt(headers, Limit);
        var remaining = ReadInt(headers, Remaining);
        var reset = ReadReset(headers) ?? ReadRetryAfter(headers, now);
        return limit is null && remaining is null && reset is null
            ? null
            : new RateLimitInfo { Limit = limit, Remaining = remaining, ResetAt = reset };
    }

    private static DateTimeOffset? ReadReset(HttpResponseHeaders headers)
    {
        var raw = First(headers, Reset);
        return raw is null ? null : AircallTime.Parse(raw.AsSpan());
    }

    private static DateTimeOffset? ReadRetryAfter(HttpResponseHeaders headers, DateTimeOffset now)
    {
        var retryAfter = headers.RetryAfter;
        if (retryAfter?.Delta is { } delta)
        {
            return now + delta;
        }

        return retryAfter?.Date;
    }

    private static int? ReadInt(HttpResponseHeaders headers, string name)
        => First(headers, name) is { } raw && int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;

    private static string? First(HttpResponseHeaders headers, string name)
    {
        if (headers.TryGetValues(name, out var values))
        {
            foreach (var value in values)
            {
                return value;
            }
        }

        return null;
    }
}
