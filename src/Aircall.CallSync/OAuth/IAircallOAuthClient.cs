namespace Aircall.CallSync.OAuth;

/// <summary>
/// Aircall's side of OAuth for your app: the consent URL with an SDK-generated <c>state</c>, the state check of the
/// callback, and the code-for-token exchange. Registered by <c>AddOAuth()</c>/<c>AddPartnerAccounts()</c>; mock it in
/// tests of your own flow. Thread-safe. Never logs secrets, codes, states or tokens.
/// </summary>
public interface IAircallOAuthClient
{
    /// <summary>
    /// Issues a consent request: a random state (remembered as a digest in <see cref="IOAuthStateStore"/> for
    /// <see cref="AircallOAuthOptions.StateLifetime"/>) and the consent URL carrying it.
    /// </summary>
    /// <param name="cancellationToken">Cancels the write of the state.</param>
    ValueTask<AircallAuthorizationRequest> CreateAuthorizationRequestAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Consumes the state of a callback: <c>true</c> once for a state this app issued and that has not expired;
    /// <c>false</c> for a missing, forged, expired or already consumed one (answer 400 and change nothing).
    /// </summary>
    /// <param name="state">The callback's <c>state</c> parameter, as received.</param>
    /// <param name="cancellationToken">Cancels the check.</param>
    ValueTask<bool> ConsumeStateAsync(string? state, CancellationToken cancellationToken);

    /// <summary>Exchanges an authorization code for the company's access token (<c>POST /v1/oauth/token</c>). Not retried:
    /// a code is single-use.</summary>
    /// <param name="code">The callback's <c>code</c> parameter.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="AircallOAuthException">Aircall refused the code, the client or the redirect URI, or failed;
    /// <see cref="AircallOAuthException.Reason"/> says which.</exception>
    Task<AircallOAuthToken> ExchangeCodeAsync(string code, CancellationToken cancellationToken);
}
