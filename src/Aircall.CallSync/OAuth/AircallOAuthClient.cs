using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Aircall.CallSync.Diagnostics;
using Aircall.CallSync.Serialization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.OAuth;

/// <summary>The default <see cref="IAircallOAuthClient"/>: consent URLs, state checks, and the token exchange over IHttpClientFactory.</summary>
internal sealed class AircallOAuthClient : IAircallOAuthClient
{
    private const int MaxErrorTextLength = 300;

    private readonly IHttpClientFactory _http;
    private readonly IOptionsMonitor<AircallOptions> _api;
    private readonly IOptionsMonitor<AircallOAuthOptions> _options;
    private readonly IOAuthStateStore _states;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public AircallOAuthClient(
        IHttpClientFactory http,
        IOptionsMonitor<AircallOptions> api,
        IOptionsMonitor<AircallOAuthOptions> options,
        IOAuthStateStore states,
        TimeProvider time,
        ILogger<AircallOAuthClient>? logger = null)
    {
        _http = http;
        _api = api;
        _options = options;
        _states = states;
        _time = time;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
    }

    public async ValueTask<AircallAuthorizationRequest> CreateAuthorizationRequestAsync(CancellationToken cancellationToken)
    {
        var options = _options.CurrentValue;
        var state = OAuthState.Create();
        var expiresAt = _time.GetUtcNow() + options.StateLifetime;
        await _states.AddAsync(OAuthState.Digest(state), expiresAt, cancellationToken).ConfigureAwait(false);
        return new AircallAuthorizationRequest(BuildConsentUrl(options, state), state, expiresAt);
    }

    public async ValueTask<bool> ConsumeStateAsync(string? state, CancellationToken cancellationToken)
    {
        if (!OAuthState.IsPlausible(state))
        {
            return false;
        }

        return await _states.TryConsumeAsync(OAuthState.Digest(state!), _time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
    }

    public async Task<AircallOAuthToken> ExchangeCodeAsync(string code, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw new AircallOAuthException(AircallOAuthErrorReason.InvalidRequest,
                "The OAuth callback carried no authorization code: start the install again from Aircall's dashboard.", "invalid_request");
        }

        var options = _options.CurrentValue;
        var body = new TokenRequest
        {
            Code = code,
            RedirectUri = RedirectUriText(options),
            ClientId = options.ClientId ?? string.Empty,
            ClientSecret = options.ClientSecret ?? string.Empty,
        };
        var endpoint = new Uri(_api.CurrentValue.BaseAddress, "v1/oauth/token");
        using var client = _http.CreateClient(AircallOAuthOptions.HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = JsonContent.Create(body, AircallJsonContext.Default.TokenRequest),
        };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.UserAgent.Add(Http.AccountRequestHandler.UserAgent.Value);

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is HttpRequestException || (exception is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            Log.OAuthExchangeFailed(_logger, AircallOAuthErrorReason.Unavailable, 0);
            throw new AircallOAuthException(AircallOAuthErrorReason.Unavailable,
                "Aircall's token endpoint could not be reached (POST /v1/oauth/token): check Aircall:BaseAddress and the network, then have the admin install again.",
                innerException: null);
        }

        using (response)
        {
            var parsed = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode && parsed is { AccessToken: { Length: > 0 } token })
            {
                return new AircallOAuthToken(token, parsed.TokenType, parsed.Scope,
                    parsed.CreatedAt is { } created ? DateTimeOffset.FromUnixTimeSeconds(created) : null);
            }

            var failure = Classify(response.StatusCode, parsed, code, options.ClientSecret);
            Log.OAuthExchangeFailed(_logger, failure.Reason, (int)response.StatusCode);
            throw failure;
        }
    }

    internal static Uri BuildConsentUrl(AircallOAuthOptions options, string state)
    {
        var builder = new StringBuilder(options.AuthorizeEndpoint.GetLeftPart(UriPartial.Path));
        var existing = options.AuthorizeEndpoint.Query;
        builder.Append(existing.Length > 1 ? existing + "&" : "?");
        builder.Append("client_id=").Append(Uri.EscapeDataString(options.ClientId ?? string.Empty))
            .Append("&redirect_uri=").Append(Uri.EscapeDataString(RedirectUriText(options)))
            .Append("&response_type=code&scope=public_api")
            .Append("&state=").Append(Uri.EscapeDataString(state));
        return new Uri(builder.ToString());
    }

    /// <summary>The redirect URI as configured (the original string), so it matches the registered one character for character.</summary>
    internal static string RedirectUriText(AircallOAuthOptions options) => options.RedirectUri?.OriginalString ?? string.Empty;

    private static async Task<TokenResponse?> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return bytes.Length == 0 ? null : JsonSerializer.Deserialize(bytes, AircallJsonContext.Default.TokenResponse);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static AircallOAuthException Classify(HttpStatusCode status, TokenResponse? response, string code, string? secret)
    {
        var error = response?.Error;
        var said = Said(response?.ErrorDescription, code, secret);
        var (reason, advice) = error switch
        {
            "invalid_client" => (AircallOAuthErrorReason.InvalidClient, "Aircall did not recognise the app's client credentials (invalid_client): check Aircall:OAuth:ClientId and Aircall:OAuth:ClientSecret, the pair Aircall issued for this app."),
            "invalid_grant" when MentionsRedirect(response?.ErrorDescription) => (AircallOAuthErrorReason.RedirectUriMismatch, "Aircall refused the redirect URI (invalid_grant): Aircall:OAuth:RedirectUri must be exactly the redirect_uri registered with Aircall and used on the consent request."),
            "invalid_grant" => (AircallOAuthErrorReason.InvalidCode, "Aircall refused the authorization code (invalid_grant): it is unknown, expired or already used. Codes are single-use and last minutes: have the admin install again from Aircall's dashboard."),
            "invalid_request" => (AircallOAuthErrorReason.InvalidRequest, "Aircall said the token request is incomplete or invalid (invalid_request): check that Aircall:OAuth:ClientId, ClientSecret and RedirectUri are set."),
            "unsupported_grant_type" => (AircallOAuthErrorReason.UnsupportedGrantType, "Aircall does not support the grant type (unsupported_grant_type)."),
            "invalid_scope" => (AircallOAuthErrorReason.InvalidScope, "Aircall refused the scope (invalid_scope); public_api is the only scope."),
            "unauthorized_client" => (AircallOAuthErrorReason.InvalidClient, "Aircall does not allow this client to use the authorization-code grant (unauthorized_client): contact Aircall's marketplace team."),
            _ when status == HttpStatusCode.Unauthorized => (AircallOAuthErrorReason.InvalidClient, "Aircall answered 401 to the token exchange: check Aircall:OAuth:ClientId and Aircall:OAuth:ClientSecret."),
            _ when (int)status >= 500 => (AircallOAuthErrorReason.Unavailable, "Aircall's token endpoint failed (" + ((int)status).ToString(CultureInfo.InvariantCulture) + "): have the admin install again later."),
            _ when status == HttpStatusCode.OK => (AircallOAuthErrorReason.InvalidResponse, "Aircall answered the token exchange without an access token."),
            _ => (AircallOAuthErrorReason.Unknown, "Aircall refused the token exchange with " + ((int)status).ToString(CultureInfo.InvariantCulture) + (error is null ? string.Empty : " (" + Clip(error) + ")") + "."),
        };
        var message = said is null ? advice : advice + " Aircall said: \"" + said + "\".";
        return new AircallOAuthException(reason, message, error is null ? null : Clip(error), status);
    }

    private static bool MentionsRedirect(string? description)
    {
        if (description is null)
        {
            return false;
        }

        // Doorkeeper's generic invalid_grant text also mentions "the redirection URI", among other causes; its text for a
        // mismatch names redirect_uri.
        return description.Contains("redirect_uri", StringComparison.OrdinalIgnoreCase)
               || description.Contains("redirect uri", StringComparison.OrdinalIgnoreCase)
               || (description.Contains("redirection uri", StringComparison.OrdinalIgnoreCase)
                   && !description.Contains("authorization grant", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>Aircall's description, shortened, with anything equal to the code or the secret removed.</summary>
    private static string? Said(string? description, string code, string? secret)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return null;
        }

        var text = description.Replace(code, "[redacted]", StringComparison.Ordinal);
        if (!string.IsNullOrEmpty(secret))
        {
            text = text.Replace(secret, "[redacted]", StringComparison.Ordinal);
        }

        return Clip(text);
    }

    private static string Clip(string text) => text.Length <= MaxErrorTextLength ? text : text[..MaxErrorTextLength] + "...";
}
