using System.Globalization;
using Aircall.CallSync.Testing.Data;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary>
/// Reads the query of <c>GET /v1/calls</c> and <c>/v1/calls/search</c> into a <see cref="CallFilter"/>, and call ids
/// from paths; a reader returns the <c>troubleshoot</c> text of a 400 when a value is invalid.
/// </summary>
internal static class CallQueryReader
{
    /// <summary>
    /// <c>from</c>, <c>to</c> and <c>order</c>; with <paramref name="search"/> also <c>direction</c>, <c>user_id</c>,
    /// <c>phone_number</c> and repeated <c>tags[]</c>. Returns an error message, or <c>null</c> with the filter set.
    /// </summary>
    public static string? TryRead(IQueryCollection query, bool search, out CallFilter? filter)
    {
        filter = null;
        // Every reader runs (they only read); the first parameter in error is reported.
        var fromError = TryReadLong(query, "from", NumberStyles.AllowLeadingSign, "from must be a UNIX timestamp in seconds", out var from);
        var toError = TryReadLong(query, "to", NumberStyles.AllowLeadingSign, "to must be a UNIX timestamp in seconds", out var to);
        var orderError = TryReadOrder(query, out var descending);
        var error = fromError ?? toError ?? orderError;
        if (error is not null)
        {
            return error;
        }

        bool? inbound = null;
        long? userId = null;
        string? phone = null;
        (int Mask, bool MatchesNothing) tags = (0, false);
        if (search)
        {
            error = TryReadDirection(query, out inbound) ?? TryReadLong(query, "user_id", NumberStyles.None, "user_id must be an integer", out userId);
            if (error is not null)
            {
                return error;
            }

            phone = ReadPhone(query);
            tags = ReadTags(query);
        }

        filter = new CallFilter
        {
            From = from,
            To = to,
            Descending = descending,
            Inbound = inbound,
            UserId = userId,
            Phone = phone,
            RequiredTags = tags.Mask,
            MatchesNothing = tags.MatchesNothing,
        };
        return null;
    }

    /// <summary>A call id in a path: digits only.</summary>
    public static bool TryParseId(string text, out long id)
        => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);

    /// <summary>An optional integer parameter; <paramref name="error"/> when it is present and not an integer of <paramref name="styles"/>.</summary>
    private static string? TryReadLong(IQueryCollection query, string name, NumberStyles styles, string error, out long? value)
    {
        value = null;
        if (!query.TryGetValue(name, out var text))
        {
            return null;
        }

        if (!long.TryParse(text.ToString(), styles, CultureInfo.InvariantCulture, out var number))
        {
            return error;
        }

        value = number;
        return null;
    }

    private static string? TryReadOrder(IQueryCollection query, out bool descending)
    {
        var order = query["order"].ToString();
        descending = order == "desc";
        return order.Length > 0 && order is not ("asc" or "desc") ? "order must be asc or desc" : null;
    }

    private static string? TryReadDirection(IQueryCollection query, out bool? inbound)
    {
        inbound = null;
        var direction = query["direction"].ToString();
        if (direction.Length == 0)
        {
            return null;
        }

        if (direction is not ("inbound" or "outbound"))
        {
            return "direction must be inbound or outbound";
        }

        inbound = direction == "inbound";
        return null;
    }

    /// <summary>The external number, compared digits-only.</summary>
    private static string? ReadPhone(IQueryCollection query)
        => query.TryGetValue("phone_number", out var p) && p.ToString().Length > 0 ? Catalog.Normalize(p.ToString()) : null;

    /// <summary>Repeated <c>tags[]</c> keys, AND semantics; a comma-joined or unknown value matches nothing, as on Aircall.</summary>
    private static (int Mask, bool MatchesNothing) ReadTags(IQueryCollection query)
    {
        var mask = 0;
        var nothing = false;
        foreach (var tag in query["tags[]"])
        {
            var index = long.TryParse(tag, NumberStyles.None, CultureInfo.InvariantCulture, out var tagId) ? Catalog.TagIndex(tagId) : -1;
            if (index < 0)
            {
                nothing = true;
            }
            else
            {
                mask |= 1 << index;
            }
        }

        return (mask, nothing);
    }
}
