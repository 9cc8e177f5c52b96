namespace Aircall.CallSync.Http;

/// <summary>Implemented by credential providers that want to know when Aircall refused the credentials they gave (401/403).</summary>
internal interface ICredentialRejectionObserver
{
    /// <summary>Aircall answered <paramref name="statusCode"/> to a request made with <paramref name="credentials"/>.</summary>
    ValueTask OnRejectedAsync(string accountId, AircallCredentials credentials, int statusCode, CancellationToken cancellationToken);
}
