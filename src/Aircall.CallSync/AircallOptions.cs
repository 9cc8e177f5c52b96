namespace Aircall.CallSync;

/// <summary>
/// Settings of the SDK, bound from the <c>Aircall</c> configuration section. Set either <see cref="ApiId"/> and
/// <see cref="ApiToken"/> (Basic auth) or <see cref="AccessToken"/> (OAuth), or neither when every client comes from
/// <see cref="IAircallClientFactory"/> with per-account credentials. Validated at start-up.
/// </summary>
public sealed class AircallOptions
{
    /// <summary>Aircall's API origin, the default <see cref="BaseAddress"/>.</summary>
    public static readonly Uri DefaultBaseAddress = new("https://api.aircall.io/");

    /// <summary>The api_id of a Basic-auth API key (<c>Aircall:ApiId</c>).</summary>
    public string? ApiId { get; set; }

    /// <summary>The api_token of a Basic-auth API key (<c>Aircall:ApiToken</c>). Never logged.</summary>
    public string? ApiToken { get; set; }

    /// <summary>An OAuth access token (<c>Aircall:AccessToken</c>). Never logged.</summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// Your identifier of the company the configured credentials open (<c>Aircall:AccountId</c>); <c>null</c> by default.
    /// Set it when other clients of the same company are created with <see cref="AircallCredentials.WithAccountId"/> or
    /// <see cref="IAircallClientFactory.CreateClient(string)"/>, so that they all share one rate limiter. Not a secret.
    /// </summary>
    public string? AccountId { get; set; }

    /// <summary>
    /// The API origin (<c>Aircall:BaseAddress</c>), <c>https://api.aircall.io/</c> by default; point it at the
    /// simulator in tests. Scheme, host and port only: a path (<c>https://api.aircall.io/v1/</c>) is refused at start-up,
    /// since the SDK adds <c>/v1/...</c> itself. <c>next_page_link</c> is only followed to this scheme, host and port.
    /// </summary>
    public Uri BaseAddress { get; set; } = DefaultBaseAddress;

    /// <summary>The client-side rate limit (<c>Aircall:RateLimit</c>).</summary>
    public AircallRateLimitOptions RateLimit { get; set; } = new();

    /// <summary>Retries and timeouts (<c>Aircall:Resilience</c>).</summary>
    public AircallResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// How far the <c>Date</c> header of Aircall's responses may be from the local clock, in either direction, and still
    /// version the calls of a page (<c>Aircall:MaxClockSkew</c>). A page whose <c>Date</c> is further off is versioned by
    /// the local clock instead, and a warning is logged: a clock years ahead would otherwise pin the stored rows (no later
    /// webhook could update them), one years behind would make the batch lose to every stale row. Default 5 minutes; at
    /// most one day.
    /// </summary>
    public TimeSpan MaxClockSkew { get; set; } = Storage.SnapshotVersion.DefaultMaxClockSkew;

    /// <summary>
    /// The credentials configured here (tagged with <see cref="AccountId"/> when set), or <c>null</c> when none are.
    /// Validation guarantees at most one kind is set.
    /// </summary>
    public AircallCredentials? GetCredentials()
    {
        var credentials = !string.IsNullOrWhiteSpace(AccessToken)
            ? AircallCredentials.Bearer(AccessToken)
            : !string.IsNullOrWhiteSpace(ApiId) && !string.IsNullOrWhiteSpace(ApiToken)
                ? AircallCredentials.Basic(ApiId, ApiToken)
                : null;
        return credentials is not null && !string.IsNullOrWhiteSpace(AccountId) ? credentials.WithAccountId(AccountId) : credentials;
    }

    /// <summary>Names the settings without revealing secrets.</summary>
    public override string ToString()
        => $"AircallOptions (BaseAddress: {SafeBaseAddress}, auth: {(AccessToken is { Length: > 0 } ? "Bearer" : ApiId is { Length: > 0 } ? "Basic" : "none")}, rate limit: {RateLimit.PermitLimit}/{RateLimit.Window})";

    // Without user info or query string, where credentials could have been typed.
    private string SafeBaseAddress => BaseAddress is { IsAbsoluteUri: true } uri
        ? uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped)
        : "(not an absolute URL)";
}
