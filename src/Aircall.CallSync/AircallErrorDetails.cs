using System.Net;

namespace Aircall.CallSync;

/// <summary>What an Aircall error response said. Every field but <see cref="StatusCode"/> may be missing.</summary>
public sealed class AircallErrorDetails
{
    /// <summary>The HTTP status code.</summary>
    public required HttpStatusCode StatusCode { get; init; }

    /// <summary>The request method, e.g. <c>GET</c>.</summary>
    public string? Method { get; init; }

    /// <summary>The request path without the query string, e.g. <c>/v1/calls</c>.</summary>
    public string? Path { get; init; }

    /// <summary>Aircall's <c>error</c> field.</summary>
    public string? Error { get; init; }

    /// <summary>Aircall's <c>troubleshoot</c> field.</summary>
    public string? Troubleshoot { get; init; }

    /// <summary>The <c>message</c> field (edge-tier errors).</summary>
    public string? Message { get; init; }

    /// <summary>The <c>errors</c> field as raw JSON (a string for the 10,000 cap, an object of field errors for 422).</summary>
    public string? Errors { get; init; }

    /// <summary>The body as received (at most 64 KiB), or the empty string.</summary>
    public string RawBody { get; init; } = string.Empty;

    /// <summary>Rate-limit headers of the response, when any were sent.</summary>
    public RateLimitInfo? RateLimit { get; init; }
}
