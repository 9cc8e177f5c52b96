namespace Aircall.CallSync.Testing;

/// <summary>
/// An OAuth app registered on the simulator with <see cref="SimulatorOAuth.RegisterApp"/>, as Aircall registers a
/// technology partner's app: the credentials Aircall issues and the two URIs the partner gives.
/// </summary>
public sealed record SimulatorOAuthApp
{
    /// <summary>The <c>client_id</c>.</summary>
    public required string ClientId { get; init; }

    /// <summary>The <c>client_secret</c> (a fake value in tests; the simulator never prints it).</summary>
    public required string ClientSecret { get; init; }

    /// <summary>The registered <c>redirect_uri</c>: consent redirects only there, and the token exchange must repeat it.</summary>
    public required Uri RedirectUri { get; init; }

    /// <summary>The registered <c>install_uri</c>: where the dashboard's Install button sends the admin's browser.</summary>
    public required Uri InstallUri { get; init; }

    /// <summary>The app's name, as <c>GET /v1/integrations/me</c> returns it in <c>name</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Names the client id only, never the secret.</summary>
    public override string ToString() => $"SimulatorOAuthApp ({ClientId})";
}
