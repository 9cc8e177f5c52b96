using Aircall.CallSync.Models;
using Refit;

namespace Aircall.CallSync.Api;

/// <summary>Paging parameters of list endpoints other than calls (for example <c>GET /v1/webhooks</c>).</summary>
public sealed class ListParameters
{
    /// <summary>1-based page number.</summary>
    [AliasAs("page")] public int? Page { get; init; }

    /// <summary>Page size, 1 to 50.</summary>
    [AliasAs("per_page")] public int? PerPage { get; init; }

    /// <summary>Order by creation time.</summary>
    [AliasAs("order")] public SortOrder? Order { get; init; }
}
