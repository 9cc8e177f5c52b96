namespace Aircall.CallSync;

/// <summary>
/// Aircall rejected the credentials: 403 means the api_id/api_token pair or the OAuth access token is invalid (not
/// "insufficient permission"), 401 means none was sent.
/// </summary>
public sealed class AircallAuthenticationException : AircallApiException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="details">The parsed response.</param>
    public AircallAuthenticationException(AircallErrorDetails details)
        : base(details)
    {
    }
}
