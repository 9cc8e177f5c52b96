using System.Text.Json.Serialization;

namespace Aircall.CallSync.Api;

/// <summary>The <c>meta</c> object of every Aircall list response.</summary>
public sealed class PageMeta
{
    /// <summary>Items in this page.</summary>
    [JsonPropertyName("count")] public int? Count { get; init; }

    /// <summary>Items matching the query; may exceed the 10,000 that paging can reach.</summary>
    [JsonPropertyName("total")] public int? Total { get; init; }

    /// <summary>1-based page number.</summary>
    [JsonPropertyName("current_page")] public int? CurrentPage { get; init; }

    /// <summary>Page size used.</summary>
    [JsonPropertyName("per_page")] public int? PerPage { get; init; }

    /// <summary>Absolute URL of the next page; <c>null</c> on the last page.</summary>
    [JsonPropertyName("next_page_link")] public string? NextPageLink { get; init; }

    /// <summary>Absolute URL of the previous page; <c>null</c> on the first page.</summary>
    [JsonPropertyName("previous_page_link")] public string? PreviousPageLink { get; init; }
}
