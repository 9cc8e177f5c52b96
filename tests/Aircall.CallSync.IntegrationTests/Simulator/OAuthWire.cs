using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Aircall.CallSync.IntegrationTests.Infrastructure;
using Aircall.CallSync.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Aircall.CallSync.IntegrationTests.Simulator;

/// <summary>
/// A partner app on Kestrel at 127.0.0.1 as the OAuth wire contract expects one: <c>/install</c> redirects to the
/// simulator's consent page with a state, <c>/callback</c> records the query it was sent back. Plus the raw token
/// exchange and Bearer clients the tests speak the wire with.
/// </summary>
internal sealed class OAuthWire : IAsyncDisposable
{
    public const string ClientId = "partner-client-id";
    public const string ClientSecret = "partner-client-secret-not-a-secret";

    private readonly WebApplication _app;

    private OAuthWire(WebApplication app, Uri address, Uri simulator)
    {
        _app = app;
        Address = address;
        Simulator = simulator;
    }

    public Uri Address { get; }

    public Uri Simulator { get; }

    public Uri InstallUri => new(Address, "/install");

    public Uri RedirectUri => new(Address, "/callback");

    /// <summary>The query strings <c>/callback</c> received, in order.</summary>
    public ConcurrentQueue<Dictionary<string, string>> Callbacks { get; } = new();

    /// <summary>The states <c>/install</c> generated, in order.</summary>
    public ConcurrentQueue<string> States { get; } = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Starts the app, registers it on <paramref name="sim"/> (which must run on Kestrel).</summary>
    public static async Task<OAuthWire> StartAsync(AircallSimulator sim, string clientId = ClientId, string name = "Partner CRM")
    {
        var simulator = await sim.StartKestrelAsync(Ct);
        OAuthWire? wire = null;
        var (app, address) = await LoopbackApp.StartAsync(null, app =>
        {
            app.MapGet("/install", (HttpContext context) =>
            {
                var state = Guid.NewGuid().ToString("N");
                wire!.States.Enqueue(state);
                var consent = QueryHelpers.AddQueryString(new Uri(simulator, "/oauth/authorize").AbsoluteUri, new Dictionary<string, string?>
                {
                    ["client_id"] = clientId,
                    ["redirect_uri"] = wire.RedirectUri.AbsoluteUri,
                    ["response_type"] = "code",
                    ["scope"] = "public_api",
                    ["state"] = state,
                });
                return Results.Redirect(consent);
            });
            app.MapGet("/callback", (HttpContext context) =>
            {
                wire!.Callbacks.Enqueue(context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString()));
                return Results.Text("installed");
            });
        });
        wire = new OAuthWire(app, address, simulator);
        sim.OAuth.RegisterApp(clientId, ClientSecret, wire.RedirectUri, wire.InstallUri, name);
        return wire;
    }

    /// <summary>A browser-like client: follows redirects, keeps cookies.</summary>
    public static HttpClient Browser(CookieContainer cookies)
        => new(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = true }) { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>A client that does not follow redirects.</summary>
    public static HttpClient NoRedirects(Uri baseAddress)
        => new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The authorize URL for this app, with <paramref name="overrides"/> replacing (or, with a <c>null</c> value, removing) parameters.</summary>
    public string AuthorizeUrl(long? companyId, params (string Key, string? Value)[] overrides)
    {
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri.AbsoluteUri,
            ["response_type"] = "code",
            ["scope"] = "public_api",
            ["state"] = "state-123",
        };
        if (companyId is { } id)
        {
            parameters["company_id"] = id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in overrides)
        {
            if (value is null)
            {
                parameters.Remove(key);
            }
            else
            {
                parameters[key] = value;
            }
        }

        return QueryHelpers.AddQueryString(new Uri(Simulator, "/oauth/authorize").AbsoluteUri, parameters);
    }

    /// <summary>Consent for <paramref name="companyId"/> without a browser (the <c>company_id</c> parameter); returns the code.</summary>
    public async Task<string> AuthorizeAsync(long companyId)
    {
        using var http = NoRedirects(Simulator);
        using var response = await http.GetAsync(AuthorizeUrl(companyId), Ct);
        response.StatusCode.Should().Be(HttpStatusCode.Found, await response.Content.ReadAsStringAsync(Ct));
        var query = QueryHelpers.ParseQuery(response.Headers.Location!.Query);
        return query["code"].ToString();
    }

    /// <summary>POST /v1/oauth/token with a JSON body of the given fields; returns the status and the parsed body.</summary>
    public async Task<(int Status, JsonElement Body)> ExchangeAsync(Dictionary<string, string> fields)
    {
        using var http = NoRedirects(Simulator);
        using var content = new StringContent(JsonSerializer.Serialize(fields), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/v1/oauth/token", content, Ct);
        var body = await response.Content.ReadAsStringAsync(Ct);
        return ((int)response.StatusCode, JsonDocument.Parse(body).RootElement.Clone());
    }

    /// <summary>The five fields of a correct exchange of <paramref name="code"/>.</summary>
    public Dictionary<string, string> Fields(string code) => new()
    {
        ["grant_type"] = "authorization_code",
        ["code"] = code,
        ["redirect_uri"] = RedirectUri.AbsoluteUri,
        ["client_id"] = ClientId,
        ["client_secret"] = ClientSecret,
    };

    /// <summary>Consent and exchange for <paramref name="companyId"/>; returns the access token.</summary>
    public async Task<string> InstallAsync(long companyId)
    {
        var (status, body) = await ExchangeAsync(Fields(await AuthorizeAsync(companyId)));
        status.Should().Be(200, body.ToString());
        return body.GetProperty("access_token").GetString()!;
    }

    /// <summary>A client on the simulator with <c>Authorization: Bearer</c>.</summary>
    public HttpClient Bearer(string token)
    {
        var http = NoRedirects(Simulator);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    /// <summary>A client on the simulator with Basic credentials of <paramref name="account"/>.</summary>
    public HttpClient Basic(SimulatedAccount account)
    {
        var http = NoRedirects(Simulator);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(account.ApiId + ":" + account.ApiToken)));
        return http;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
