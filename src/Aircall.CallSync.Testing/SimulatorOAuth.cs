using System.Security.Cryptography;

namespace Aircall.CallSync.Testing;

/// <summary>
/// Aircall's side of OAuth for technology partners, for every account of an <see cref="AircallSimulator"/>: register
/// apps, then let the install flow run over HTTP: <c>GET /simulator/dashboard/{companyId}/install</c> (the admin clicks
/// Install: a cookie names the logged-in company, then a redirect to the app's install URI), <c>GET /oauth/authorize</c>
/// (auto-approved consent: a redirect with a single-use code), <c>POST /v1/oauth/token</c> (the code for a permanent
/// access token), <c>GET /v1/integrations/me</c>, <c>POST /v1/integrations/enable|disable</c>. Tokens open their
/// company's account on every endpoint, under that company's rate limit. Uninstall delivers <c>integration.deleted</c>.
/// Thread-safe.
/// </summary>
public sealed class SimulatorOAuth
{
    /// <summary>The cookie the dashboard launch sets to the company id of the "logged-in" admin.</summary>
    public const string CompanyCookie = "aircall_sim_company";

    private readonly AircallSimulator _simulator;
    private readonly Lock _lock = new();
    private readonly List<SimulatorOAuthApp> _apps = [];
    private readonly Dictionary<string, SimulatorAuthorizationCode> _codes = new(StringComparer.Ordinal);
    private readonly List<string> _codeOrder = [];
    private readonly Dictionary<string, SimulatorAccessToken> _tokens = new(StringComparer.Ordinal);
    private readonly List<string> _tokenOrder = [];
    private readonly HashSet<long> _refused = [];
    private readonly HashSet<long> _inactive = [];

    internal SimulatorOAuth(AircallSimulator simulator) => _simulator = simulator;

    /// <summary>How long an authorization code is accepted after it is issued: 10 minutes, on the simulator's clock.</summary>
    public static TimeSpan CodeLifetime { get; } = TimeSpan.FromMinutes(10);

    /// <summary>The registered apps (a snapshot).</summary>
    public IReadOnlyList<SimulatorOAuthApp> Apps
    {
        get
        {
            lock (_lock)
            {
                return [.. _apps];
            }
        }
    }

    /// <summary>Every authorization code issued so far, in order, with when each was used (a snapshot).</summary>
    public IReadOnlyList<SimulatorAuthorizationCode> Codes
    {
        get
        {
            lock (_lock)
            {
                return [.. _codeOrder.Select(c => _codes[c])];
            }
        }
    }

    /// <summary>Every access token issued so far, in order, revoked ones included (a snapshot).</summary>
    public IReadOnlyList<SimulatorAccessToken> Tokens
    {
        get
        {
            lock (_lock)
            {
                return [.. _tokenOrder.Select(t => _tokens[t])];
            }
        }
    }

    /// <summary>
    /// Registers an OAuth app, as Aircall does when it issues a partner's credentials.
    /// </summary>
    /// <param name="clientId">Its <c>client_id</c>; unique.</param>
    /// <param name="clientSecret">Its <c>client_secret</c> (a fake value).</param>
    /// <param name="redirectUri">Its registered <c>redirect_uri</c>: an absolute http or https URI.</param>
    /// <param name="installUri">Its registered <c>install_uri</c>: an absolute http or https URI.</param>
    /// <param name="name">Its name in <c>GET /v1/integrations/me</c>.</param>
    /// <returns>The app.</returns>
    /// <exception cref="ArgumentException">A value is empty, a URI is not absolute http(s), or the client id is taken.</exception>
    public SimulatorOAuthApp RegisterApp(string clientId, string clientSecret, Uri redirectUri, Uri installUri, string name = "Simulated app")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(clientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(clientSecret);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        CheckUri(redirectUri, nameof(redirectUri));
        CheckUri(installUri, nameof(installUri));
        var app = new SimulatorOAuthApp { ClientId = clientId, ClientSecret = clientSecret, RedirectUri = redirectUri, InstallUri = installUri, Name = name };
        lock (_lock)
        {
            if (_apps.Exists(a => string.Equals(a.ClientId, clientId, StringComparison.Ordinal)))
            {
                throw new ArgumentException($"An OAuth app with client_id '{clientId}' is registered already.", nameof(clientId));
            }

            _apps.Add(app);
        }

        return app;
    }

    /// <summary>Makes the consent page of <paramref name="companyId"/> refuse (<c>error=access_denied</c>), or approve again.</summary>
    /// <param name="companyId">A company id.</param>
    /// <param name="refuse"><c>true</c> to refuse, <c>false</c> to approve again.</param>
    public void RefuseConsent(long companyId, bool refuse = true)
    {
        lock (_lock)
        {
            _ = refuse ? _refused.Add(companyId) : _refused.Remove(companyId);
        }
    }

    /// <summary>
    /// Issues an access token for the app in the company without the browser dance, as if the install had completed
    /// (for tests that start from installed accounts, e.g. a fleet of a hundred).
    /// </summary>
    /// <param name="companyId">An account's company id.</param>
    /// <param name="clientId">A registered app's client id.</param>
    /// <returns>The Bearer token.</returns>
    /// <exception cref="ArgumentException">No such company or app.</exception>
    public string IssueToken(long companyId, string clientId)
    {
        _ = _simulator.GetAccount(companyId) ?? throw new ArgumentException($"No simulated account has company id {companyId}.", nameof(companyId));
        _ = FindApp(clientId) ?? throw new ArgumentException($"No OAuth app has client_id '{clientId}'.", nameof(clientId));
        return Issue(companyId, clientId).AccessToken;
    }

    /// <summary>Revokes one access token: from now on it answers 403 <c>{"message":"Forbidden"}</c> everywhere.</summary>
    /// <param name="accessToken">A token the simulator issued.</param>
    /// <returns><c>false</c> when it is unknown or revoked already.</returns>
    public bool RevokeToken(string accessToken)
    {
        ArgumentNullException.ThrowIfNull(accessToken);
        lock (_lock)
        {
            if (!_tokens.TryGetValue(accessToken, out var token) || token.RevokedAt is not null)
            {
                return false;
            }

            _tokens[accessToken] = token with { RevokedAt = _simulator.TimeProvider.GetUtcNow() };
            return true;
        }
    }

    /// <summary>The tokens of one company, revoked ones included (a snapshot).</summary>
    /// <param name="companyId">A company id.</param>
    public IReadOnlyList<SimulatorAccessToken> TokensOf(long companyId)
    {
        lock (_lock)
        {
            return [.. _tokenOrder.Select(t => _tokens[t]).Where(t => t.CompanyId == companyId)];
        }
    }

    /// <summary>
    /// Uninstalls the app(s) from a company, as an admin does in the dashboard: revokes the company's OAuth tokens (403
    /// from then on), delivers <c>integration.deleted</c>
    /// (<c>{"resource":"integration","event":"integration.deleted","timestamp":...,"token":...,"data":{"integration_id":...,"company_id":...}}</c>)
    /// to every active webhook of the company created with an OAuth token of the app, with the usual timeout and retries,
    /// then deletes those webhooks. Webhooks created with Basic credentials are left alone.
    /// </summary>
    /// <param name="companyId">An account's company id.</param>
    /// <param name="clientId">One app only; <c>null</c> for every app.</param>
    /// <param name="cancellationToken">Stops the deliveries (the tokens stay revoked).</param>
    /// <exception cref="ArgumentException">No account has this company id.</exception>
    public async Task<SimulatorUninstall> UninstallAsync(long companyId, string? clientId = null, CancellationToken cancellationToken = default)
    {
        var account = _simulator.GetAccount(companyId) ?? throw new ArgumentException($"No simulated account has company id {companyId}.", nameof(companyId));
        var revoked = 0;
        lock (_lock)
        {
            var now = _simulator.TimeProvider.GetUtcNow();
            foreach (var key in _tokenOrder)
            {
                var token = _tokens[key];
                if (token.CompanyId == companyId && token.RevokedAt is null && (clientId is null || string.Equals(token.ClientId, clientId, StringComparison.Ordinal)))
                {
                    _tokens[key] = token with { RevokedAt = now };
                    revoked++;
                }
            }

            _inactive.Remove(companyId);
        }

        var webhooks = account.WebhookRegistry.OAuthWebhooks(clientId);
        var deliveries = await _simulator.Webhooks.DeliverIntegrationDeletedAsync(account, webhooks, IntegrationId, cancellationToken).ConfigureAwait(false);
        foreach (var webhook in webhooks)
        {
            account.WebhookRegistry.Delete(webhook.Id);
        }

        return new SimulatorUninstall { CompanyId = companyId, TokensRevoked = revoked, WebhooksDeleted = [.. webhooks.Select(w => w.Id)], Deliveries = deliveries };
    }

    /// <summary>The integration id of an app in a company: the same for every install of that app there.</summary>
    /// <param name="companyId">A company id.</param>
    /// <param name="clientId">A registered app's client id.</param>
    /// <exception cref="ArgumentException">No such app.</exception>
    public long IntegrationId(long companyId, string clientId)
    {
        lock (_lock)
        {
            var index = _apps.FindIndex(a => string.Equals(a.ClientId, clientId, StringComparison.Ordinal));
            return index < 0
                ? throw new ArgumentException($"No OAuth app has client_id '{clientId}'.", nameof(clientId))
                : (companyId * 1000) + index + 1;
        }
    }

    internal SimulatorOAuthApp? FindApp(string? clientId)
    {
        lock (_lock)
        {
            return clientId is null ? null : _apps.Find(a => string.Equals(a.ClientId, clientId, StringComparison.Ordinal));
        }
    }

    internal bool Refuses(long companyId)
    {
        lock (_lock)
        {
            return _refused.Contains(companyId);
        }
    }

    internal SimulatorAuthorizationCode IssueCode(SimulatorOAuthApp app, string redirectUri, long companyId)
    {
        var now = _simulator.TimeProvider.GetUtcNow();
        var code = new SimulatorAuthorizationCode
        {
            Code = RandomToken(20),
            ClientId = app.ClientId,
            RedirectUri = redirectUri,
            CompanyId = companyId,
            IssuedAt = now,
            ExpiresAt = now + CodeLifetime,
        };
        lock (_lock)
        {
            _codes[code.Code] = code;
            _codeOrder.Add(code.Code);
        }

        return code;
    }

    /// <summary>The outcome of a token exchange after the client authenticated: the token, or which check failed.</summary>
    internal (SimulatorAccessToken? Token, bool RedirectMismatch) Exchange(string clientId, string code, string redirectUri)
    {
        SimulatorAuthorizationCode grant;
        lock (_lock)
        {
            var now = _simulator.TimeProvider.GetUtcNow();
            if (!_codes.TryGetValue(code, out grant!) || grant.UsedAt is not null || now >= grant.ExpiresAt
                || !string.Equals(grant.ClientId, clientId, StringComparison.Ordinal))
            {
                return (null, false);
            }

            if (!SameUri(grant.RedirectUri, redirectUri))
            {
                return (null, true);
            }

            _codes[code] = grant with { UsedAt = now };
        }

        return (Issue(grant.CompanyId, clientId), false);
    }

    /// <summary>A token that works (issued, not revoked), or <c>null</c>.</summary>
    internal SimulatorAccessToken? FindToken(string accessToken)
    {
        lock (_lock)
        {
            return _tokens.TryGetValue(accessToken, out var token) && token.RevokedAt is null ? token : null;
        }
    }

    internal bool IsActive(long companyId)
    {
        lock (_lock)
        {
            return !_inactive.Contains(companyId);
        }
    }

    internal void SetActive(long companyId, bool active)
    {
        lock (_lock)
        {
            _ = active ? _inactive.Remove(companyId) : _inactive.Add(companyId);
        }
    }

    /// <summary>Exact match after URI normalisation (scheme and host case, default port); otherwise ordinal.</summary>
    internal static bool SameUri(string a, string b)
        => Uri.TryCreate(a, UriKind.Absolute, out var x) && Uri.TryCreate(b, UriKind.Absolute, out var y)
            ? Uri.Compare(x, y, UriComponents.AbsoluteUri, UriFormat.UriEscaped, StringComparison.Ordinal) == 0
            : string.Equals(a, b, StringComparison.Ordinal);

    private SimulatorAccessToken Issue(long companyId, string clientId)
    {
        var token = new SimulatorAccessToken
        {
            AccessToken = "sim-oauth-" + RandomToken(24),
            ClientId = clientId,
            CompanyId = companyId,
            IntegrationId = IntegrationId(companyId, clientId),
            IssuedAt = _simulator.TimeProvider.GetUtcNow(),
        };
        lock (_lock)
        {
            _tokens[token.AccessToken] = token;
            _tokenOrder.Add(token.AccessToken);
        }

        return token;
    }

    private static string RandomToken(int bytes) => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(bytes));

    private static void CheckUri(Uri uri, string name)
    {
        ArgumentNullException.ThrowIfNull(uri, name);
        if (!uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException($"{name} must be an absolute http or https URI, not '{uri}'.", name);
        }
    }
}
