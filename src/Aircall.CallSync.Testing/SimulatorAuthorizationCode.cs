namespace Aircall.CallSync.Testing;

/// <summary>An authorization code the simulator's consent page issued, as <see cref="SimulatorOAuth.Codes"/> records it.</summary>
public sealed record SimulatorAuthorizationCode
{
    /// <summary>The code sent to the redirect URI.</summary>
    public required string Code { get; init; }

    /// <summary>The app it was issued to.</summary>
    public required string ClientId { get; init; }

    /// <summary>The <c>redirect_uri</c> of the authorize request, which the token exchange must repeat.</summary>
    public required string RedirectUri { get; init; }

    /// <summary>The company whose admin consented.</summary>
    public required long CompanyId { get; init; }

    /// <summary>When it was issued, on the simulator's clock.</summary>
    public required DateTimeOffset IssuedAt { get; init; }

    /// <summary>When it stops being accepted: <see cref="SimulatorOAuth.CodeLifetime"/> after <see cref="IssuedAt"/>.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }

    /// <summary>When it was exchanged for a token; <c>null</c> while unused. A code is accepted once.</summary>
    public DateTimeOffset? UsedAt { get; init; }
}
