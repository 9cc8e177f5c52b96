namespace Aircall.CallSync.OAuth;

/// <summary>
/// The answer of Aircall's token endpoint: a permanent access token for one company (Aircall issues no refresh token and
/// no expiry). <see cref="ToString"/> never shows the token.
/// </summary>
public sealed class AircallOAuthToken
{
    /// <summary>Creates a token.</summary>
    /// <param name="accessToken">The access token.</param>
    /// <param name="tokenType">The token type, <c>Bearer</c>.</param>
    /// <param name="scope">The granted scope, <c>public_api</c>.</param>
    /// <param name="createdAt">When Aircall issued it, if said.</param>
    public AircallOAuthToken(string accessToken, string? tokenType = "Bearer", string? scope = "public_api", DateTimeOffset? createdAt = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(accessToken);
        AccessToken = accessToken;
        TokenType = tokenType;
        Scope = scope;
        CreatedAt = createdAt;
    }

    /// <summary>The access token: use it as <c>AircallCredentials.Bearer(token)</c>, store it protected at rest, never log it.</summary>
    public string AccessToken { get; }

    /// <summary>The token type Aircall said (<c>Bearer</c>).</summary>
    public string? TokenType { get; }

    /// <summary>The granted scope (<c>public_api</c>).</summary>
    public string? Scope { get; }

    /// <summary>When Aircall issued the token (<c>created_at</c>); <c>null</c> when not said.</summary>
    public DateTimeOffset? CreatedAt { get; }

    /// <summary>The token as Bearer credentials tagged with <paramref name="accountId"/>.</summary>
    /// <param name="accountId">Your identifier of the company.</param>
    public AircallCredentials ToCredentials(string accountId) => AircallCredentials.Bearer(AccessToken).WithAccountId(accountId);

    /// <summary>Names the type and scope only.</summary>
    public override string ToString() => $"AircallOAuthToken ({TokenType ?? "?"}, {Scope ?? "?"})";
}
