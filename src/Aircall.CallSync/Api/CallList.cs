using System.Text.Json.Serialization;
using Aircall.CallSync.Models;

namespace Aircall.CallSync.Api;

/// <summary>One page of calls: <c>{"calls": [...], "meta": {...}}</c>.</summary>
public sealed class CallList
{
    /// <summary>The calls in this page; empty when absent.</summary>
    [JsonPropertyName("calls")] public IReadOnlyList<Call> Calls { get; init; } = [];

    /// <summary>Paging information.</summary>
    [JsonPropertyName("meta")] public PageMeta? Meta { get; init; }
}
