namespace Aircall.CallSync.OAuth;

/// <summary>
/// Your app's OAuth settings as Aircall issued them (<c>Aircall:OAuth:*</c>): the client id and secret, the registered
/// redirect URI, and where Aircall's consent and success pages are. Validated at start-up; a missing setting is named.
/// The token endpoint is <c>POST {Aircall:BaseAddress}/v1/oauth/token</c>.
/// </summary>
public sealed class AircallOAuthOptions
{
    /// <summary>The name of the IHttpClientFactory client the token exchange uses; configure its primary handler (a
    /// proxy, or a simulator's in-memory handler) with <c>services.AddHttpClient(AircallOAuthOptions.HttpClientName)</c>.</summary>
    public const string HttpClientName = "Aircall.CallSync.OAuth";

    /// <summary>Aircall's consent page: <c>https://dashboard.aircall.io/oauth/authorize</c>.</summary>
    public static readonly Uri DefaultAuthorizeEndpoint = new("https://dashboard.aircall.io/oauth/authorize");

    /// <summary>Aircall's page that tells the admin the install succeeded: <c>https://dashboard.aircall.io/oauth/success</c>.</summary>
    public static readonly Uri DefaultSuccessUri = new("https://dashboard.aircall.io/oauth/success");

    /// <summary>The <c>client_id</c> Aircall issued for your app (<c>Aircall:OAuth:ClientId</c>). Not a secret.</summary>
    public string? ClientId { get; set; }

    /// <summary>The <c>client_secret</c> Aircall issued for your app (<c>Aircall:OAuth:ClientSecret</c>). Never logged; keep
    /// it in a secret store, not in appsettings.json.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>
    /// The <c>redirect_uri</c> registered with Aircall (<c>Aircall:OAuth:RedirectUri</c>): your OAuth callback, an absolute
    /// HTTPS URL (HTTP is accepted for loopback hosts only, for tests). Sent as written, on consent and on token exchange:
    /// it must equal the registered one exactly.
    /// </summary>
    public Uri? RedirectUri { get; set; }

    /// <summary>The consent page (<c>Aircall:OAuth:AuthorizeEndpoint</c>); <see cref="DefaultAuthorizeEndpoint"/> by default.
    /// Point it at the simulator in tests.</summary>
    public Uri AuthorizeEndpoint { get; set; } = DefaultAuthorizeEndpoint;

    /// <summary>Where the browser goes once an install completed (<c>Aircall:OAuth:SuccessUri</c>);
    /// <see cref="DefaultSuccessUri"/> by default. Set it to a page of your app to show your own confirmation.</summary>
    public Uri SuccessUri { get; set; } = DefaultSuccessUri;

    /// <summary>How long an issued <c>state</c> is accepted (<c>Aircall:OAuth:StateLifetime</c>): the time an admin has to
    /// consent. Default 10 minutes; between 1 minute and 1 hour.</summary>
    public TimeSpan StateLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Names the settings without the secret.</summary>
    public override string ToString()
        => $"AircallOAuthOptions (client id: {ClientId ?? "none"}, secret: {(string.IsNullOrEmpty(ClientSecret) ? "not set" : "set")}, redirect URI: {RedirectUri?.GetLeftPart(UriPartial.Path) ?? "none"})";
}
