using System.Globalization;

namespace Aircall.CallSync.Recordings;

/// <summary>
/// Reads what the archiver needs from a recording link without keeping or logging it: whether its host is allowed, and
/// when an S3 pre-signed link (<c>X-Amz-Date</c> + <c>X-Amz-Expires</c>) stops working.
/// </summary>
internal static class SignedLink
{
    /// <summary>An absolute http(s) URL, or <c>null</c>.</summary>
    internal static Uri? Parse(string? link)
        => Uri.TryCreate(link, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;

    /// <summary>Whether <paramref name="host"/> matches one of <paramref name="allowed"/> (exact, or <c>*.domain</c> for hosts under it).</summary>
    internal static bool IsAllowed(string host, IEnumerable<string> allowed)
    {
        foreach (var pattern in allowed)
        {
            if (string.IsNullOrWhiteSpace(pattern))
            {
                continue;
            }

            if (pattern.StartsWith("*.", StringComparison.Ordinal))
            {
                var domain = pattern.AsSpan(1); // ".amazonaws.com"
                if (host.Length > domain.Length && host.AsSpan().EndsWith(domain, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
            else if (string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>When the link expires, from <c>X-Amz-Date</c> (yyyyMMddTHHmmssZ) and <c>X-Amz-Expires</c> (seconds); <c>null</c> when it does not say.</summary>
    internal static DateTimeOffset? ExpiresAt(Uri link)
    {
        DateTimeOffset? signedAt = null;
        long? seconds = null;
        var query = link.Query.AsSpan();
        if (query.StartsWith("?"))
        {
            query = query[1..];
        }

        foreach (var range in query.Split('&'))
        {
            var pair = query[range];
            var equals = pair.IndexOf('=');
            if (equals <= 0)
            {
                continue;
            }

            var name = pair[..equals];
            var value = Uri.UnescapeDataString(pair[(equals + 1)..].ToString());
            if (name.Equals("X-Amz-Date", StringComparison.OrdinalIgnoreCase)
                && DateTimeOffset.TryParseExact(value, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date))
            {
                signedAt = date;
            }
            else if (name.Equals("X-Amz-Expires", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var expires) && expires <= 7 * 24 * 3600)
            {
                seconds = expires;
            }
        }

        return signedAt is { } at && seconds is { } s ? at.AddSeconds(s) : null;
    }
}
