using System.Text.Json.Serialization;
using Aircall.CallSync.Models;

namespace Aircall.CallSync.Api;

/// <summary>One page of calls: <c>{"calls": [...], "meta": {...}}</c>.</summary>
internal sealed class CallList
{
    // A distinct instance, so that a body without "calls" can be told from "calls": [].
    private static readonly IReadOnlyList<Call> s_absent = new System.Collections.ObjectModel.ReadOnlyCollection<Call>(new List<Call>());

    /// <summary>
    /// The calls in this page; empty when absent. A body can hold <c>"calls": null</c> or <c>null</c> entries, which the
    /// deserializer keeps as they are: check before use.
    /// </summary>
    [JsonPropertyName("calls")] public IReadOnlyList<Call> Calls { get; init; } = s_absent;

    /// <summary>Paging information.</summary>
    [JsonPropertyName("meta")] public PageMeta? Meta { get; init; }

    /// <summary>Whether the body had a <c>calls</c> array (<c>{}</c> and <c>"calls": null</c> are not call lists).</summary>
    internal bool HasCalls => Calls is not null && !ReferenceEquals(Calls, s_absent);
}
