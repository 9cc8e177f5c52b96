using System.Globalization;
using System.Text;
using Aircall.CallSync.Api;
using Microsoft.AspNetCore.Http;

namespace Aircall.CallSync.Testing.Http;

/// <summary><c>page</c>/<c>per_page</c> validation, the 10,000 cap and <c>meta</c> with absolute links.</summary>
internal static class Paging
{
    public const int DefaultPerPage = 20;
    public const int MaxPerPage = 50;
    public const int Cap = 10_000;

    /// <summary>Reads <c>page</c> and <c>per_page</c>; returns an error message when they are invalid.</summary>
    public static string? TryRead(IQueryCollection query, out int page, out int perPage)
    {
        page = 1;
        perPage = DefaultPerPage;
        if (query.TryGetValue("page", out var p) && (!int.TryParse(p.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out page) || page < 1))
        {
            return "page must be a positive integer";
        }

        if (query.TryGetValue("per_page", out var pp)
            && (!int.TryParse(pp.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out perPage) || perPage < 1 || perPage > MaxPerPage))
        {
            return "per_page must be an integer between 1 and 50";
        }

        return null;
    }

    /// <summary>Whether the page starts past the 10,000 results a query can reach.</summary>
    public static bool PastCap(int page, int perPage) => ((long)page - 1) * perPage >= Cap;

    public static PageMeta Meta(HttpRequest request, int page, int perPage, int count, int total)
    {
        var offset = (long)(page - 1) * perPage;
        return new PageMeta
        {
            Count = count,
            Total = total,
            CurrentPage = page,
            PerPage = perPage,
            NextPageLink = offset + count < total ? Link(request, page + 1) : null,
            PreviousPageLink = page > 1 ? Link(request, page - 1) : null,
        };
    }

    /// <summary>The request's absolute URL (scheme, host and port as received) with <c>page</c> replaced.</summary>
    public static string Link(HttpRequest request, int page)
    {
        var builder = new StringBuilder(128)
            .Append(request.Scheme).Append("://").Append(request.Host.Value)
            .Append(request.PathBase.Value).Append(request.Path.Value).Append('?');
        var raw = request.QueryString.HasValue ? request.QueryString.Value!.AsSpan(1) : [];
        foreach (var range in raw.Split('&'))
        {
            var pair = raw[range];
            if (pair.IsEmpty || pair.StartsWith("page=", StringComparison.Ordinal) || pair.SequenceEqual("page"))
            {
                continue;
            }

            builder.Append(pair).Append('&');
        }

        return builder.Append("page=").Append(page.ToString(CultureInfo.InvariantCulture)).ToString();
    }
}
