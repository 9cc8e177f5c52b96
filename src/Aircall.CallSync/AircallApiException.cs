using System.Net;

namespace Aircall.CallSync;

/// <summary>
/// Aircall answered a request with an error status. Carries the status, Aircall's <c>error</c>, <c>troubleshoot</c>
/// and <c>message</c> fields when present, and the raw body. The exception message says what to do; it never contains
/// credentials or query strings.
/// </summary>
/// <remarks>
/// Catch the subclasses for the cases that need a specific reaction: <see cref="AircallAuthenticationException"/>
/// (401/403), <see cref="AircallRateLimitedException"/> (429) and <see cref="AircallPaginationLimitException"/> (the
/// 10,000-result cap).
/// </remarks>
public class AircallApiException : Exception
{
    /// <summary>Creates the exception from the parts of an error response.</summary>
    /// <param name="details">The parsed response.</param>
    /// <param name="message">The message; by default one built from <paramref name="details"/>.</param>
    public AircallApiException(AircallErrorDetails details, string? message = null)
        : base(message ?? AircallErrorMessages.Describe(details))
    {
        ArgumentNullException.ThrowIfNull(details);
        Details = details;
    }

    /// <summary>The parsed error response.</summary>
    public AircallErrorDetails Details { get; }

    /// <summary>The HTTP status code.</summary>
    public HttpStatusCode StatusCode => Details.StatusCode;

    /// <summary>Aircall's <c>error</c> field (an HTTP reason or short code), when present.</summary>
    public string? Error => Details.Error;

    /// <summary>Aircall's <c>troubleshoot</c> hint, when present.</summary>
    public string? Troubleshoot => Details.Troubleshoot;

    /// <summary>The <c>message</c> field (edge errors such as <c>Forbidden</c>), when present.</summary>
    public string? AircallMessage => Details.Message;

    /// <summary>The response body as received (truncated to 64 KiB); empty when there was none.</summary>
    public string RawBody => Details.RawBody;
}
