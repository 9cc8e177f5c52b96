namespace Aircall.CallSync;

/// <summary>
/// No answer came from Aircall, once the retries <c>Aircall:Resilience</c> allows were spent: the connection to
/// <c>Aircall:BaseAddress</c> was refused, its host name did not resolve, TLS failed, the connection dropped, or every
/// attempt ran out of <c>Aircall:Resilience:AttemptTimeout</c>. The message names the address tried and the setting to
/// check, never credentials or query strings; <see cref="Exception.InnerException"/> is the last failure as .NET or
/// Polly reported it, and <see cref="HttpRequestException.HttpRequestError"/> is copied from it.
/// </summary>
/// <remarks>
/// An <see cref="HttpRequestException"/>, so code that already catches those keeps working. Cancellation by the caller
/// is not a connection failure: it still surfaces as <see cref="OperationCanceledException"/>.
/// </remarks>
public sealed class AircallConnectionException : HttpRequestException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What failed and what to check.</param>
    /// <param name="baseAddress">The address tried; only its scheme, host and port are kept.</param>
    /// <param name="innerException">The last failure.</param>
    public AircallConnectionException(string? message, Uri? baseAddress, Exception? innerException)
        : base(ErrorOf(innerException), message, innerException)
    {
        BaseAddress = baseAddress is { IsAbsoluteUri: true }
            ? new Uri(baseAddress.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped) + "/")
            : null;
    }

    /// <summary>
    /// The address tried: scheme, host and port of <c>Aircall:BaseAddress</c>, ending in <c>/</c> (no path, query or user
    /// info); <c>null</c> when unknown.
    /// </summary>
    public Uri? BaseAddress { get; }

    private static HttpRequestError ErrorOf(Exception? inner) => inner switch
    {
        HttpRequestException http => http.HttpRequestError,
        HttpIOException io => io.HttpRequestError,
        _ => HttpRequestError.Unknown,
    };
}
