using System.Net;

namespace Aircall.CallSync.OAuth;

/// <summary>
/// An OAuth step failed: <see cref="Reason"/> says which problem it is, and the message what to do. Neither the message nor
/// <see cref="Exception.ToString"/> ever contains the client secret, an authorization code, a state or a token.
/// </summary>
public sealed class AircallOAuthException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="reason">Which problem it is.</param>
    /// <param name="message">What happened and what to do; must not contain secrets.</param>
    /// <param name="error">The OAuth <c>error</c> code Aircall sent (<c>invalid_grant</c>, ...), if any.</param>
    /// <param name="statusCode">The HTTP status of Aircall's answer, if there was one.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public AircallOAuthException(AircallOAuthErrorReason reason, string message, string? error = null, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
        Error = error;
        StatusCode = statusCode;
    }

    /// <summary>Which problem it is.</summary>
    public AircallOAuthErrorReason Reason { get; }

    /// <summary>The OAuth <c>error</c> code Aircall sent (<c>invalid_grant</c>, <c>invalid_client</c>, <c>access_denied</c>,
    /// ...); <c>null</c> when there was none.</summary>
    public string? Error { get; }

    /// <summary>The HTTP status of Aircall's answer; <c>null</c> when the failure was not an HTTP answer.</summary>
    public HttpStatusCode? StatusCode { get; }
}
