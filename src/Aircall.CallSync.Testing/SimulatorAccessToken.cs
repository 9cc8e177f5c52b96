namespace Aircall.CallSync.Testing;

/// <summary>
/// An OAuth access token the simulator issued (token endpoint or <see cref="SimulatorOAuth.IssueToken"/>), as
/// <see cref="SimulatorOAuth.Tokens"/> records it. It opens its company's account on every endpoint until revoked.
/// </summary>
public sealed record SimulatorAccessToken
{
    /// <summary>The Bearer token (a fake value).</summary>
    public required string AccessToken { get; init; }

    /// <summary>The app it was issued to.</summary>
    public required string ClientId { get; init; }

    /// <summary>The company it opens.</summary>
    public required long CompanyId { get; init; }

    /// <summary>The integration (the app's install in the company), <c>integration_id</c> in <c>integration.deleted</c>.</summary>
    public required long IntegrationId { get; init; }

    /// <summary>When it was issued, on the simulator's clock.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When it was revoked (uninstall or <see cref="SimulatorOAuth.RevokeToken"/>); <c>null</c> while it works.</summary>
    public DateTimeOffset? RevokedAt { get; init; }

    /// <summary>Names the client and company only, never the token.</summary>
    public override string ToString() => $"SimulatorAccessToken ({ClientId}, company {CompanyId}{(RevokedAt is null ? "" : ", revoked")})";
}
