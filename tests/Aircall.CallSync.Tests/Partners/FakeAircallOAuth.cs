using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Partners;

/// <summary>
/// Aircall's side of a partner install, as MockHttp responses: the token endpoint (codes single-use, bound to the
/// redirect URI), integrations/me, the webhooks of each company (visible to that company's tokens only), and calls.
/// Counts every request by method and path, so tests can assert on retry storms and duplicates.
/// </summary>
internal sealed class FakeAircallOAuth
{
    internal const string ClientId = "fake-client-id";
    internal const string ClientSecret = "fake-client-SECRET-5a7c";
    internal const string RedirectUri = "https://partner.test/aircall/oauth/callback";

    private readonly ConcurrentDictionary<string, (long Company, string RedirectUri, bool Used)> _codes = new();
    private readonly ConcurrentDictionary<string, long> _tokens = new();
    private readonly ConcurrentDictionary<string, bool> _revoked = new();
    private readonly ConcurrentDictionary<string, int> _requests = new();
    private readonly List<(long Company, string Id, string Url, string Token, string[] Events)> _webhooks = [];
    private readonly Lock _gate = new();
    private int _issued;

    /// <summary>How many webhook creations fail (500) before they succeed again.</summary>
    public int FailWebhookCreates { get; set; }

    /// <summary>The calls each company's GET /v1/calls returns (one page).</summary>
    public ConcurrentDictionary<long, long[]> Calls { get; } = new();

    public FakeAircallOAuth(MockHttpMessageHandler http, string baseUrl)
    {
        http.When(HttpMethod.Post, baseUrl + "v1/oauth/token").Respond(request => Count(request, TokenAsync(request)));
        http.When(HttpMethod.Get, baseUrl + "v1/integrations/me").Respond(request => Count(request, Task.FromResult(Me(request))));
        http.When(HttpMethod.Get, baseUrl + "v1/webhooks").Respond(request => Count(request, Task.FromResult(ListWebhooks(request))));
        http.When(HttpMethod.Post, baseUrl + "v1/webhooks").Respond(request => Count(request, CreateWebhookAsync(request)));
        http.When(HttpMethod.Put, baseUrl + "v1/webhooks/*").Respond(request => Count(request, Task.FromResult(GetWebhook(request))));
        http.When(HttpMethod.Get, baseUrl + "v1/webhooks/*").Respond(request => Count(request, Task.FromResult(GetWebhook(request))));
        http.When(HttpMethod.Get, baseUrl + "v1/calls").Respond(request => Count(request, Task.FromResult(ListCalls(request))));
    }

    /// <summary>Requests received for "METHOD /path".</summary>
    public int Requests(string methodAndPath) => _requests.TryGetValue(methodAndPath, out var n) ? n : 0;

    public int TotalRequests => _requests.Values.Sum();

    public int WebhookCount(long company)
    {
        lock (_gate)
        {
            return _webhooks.Count(w => w.Company == company);
        }
    }

    public string WebhookToken(long company)
    {
        lock (_gate)
        {
            return _webhooks.Single(w => w.Company == company).Token;
        }
    }

    /// <summary>The admin of <paramref name="company"/> consented: Aircall redirects with this code.</summary>
    public string IssueCode(long company, string redirectUri = RedirectUri)
    {
        var code = "code-" + Interlocked.Increment(ref _issued) + "-SECRETCODE";
        _codes[code] = (company, redirectUri, false);
        return code;
    }

    /// <summary>Every token of the company gets 403 from now on.</summary>
    public void Revoke(long company)
    {
        foreach (var (token, owner) in _tokens)
        {
            if (owner == company)
            {
                _revoked[token] = true;
            }
        }
    }

    public IReadOnlyCollection<string> IssuedTokens => [.. _tokens.Keys];

    /// <summary>The token the last successful exchange issued (<see cref="IssuedTokens"/> has no order).</summary>
    public string? LastIssuedToken { get; private set; }

    private async Task<HttpResponseMessage> Count(HttpRequestMessage request, Task<HttpResponseMessage> response)
    {
        var path = request.RequestUri!.AbsolutePath;
        if (path.StartsWith("/v1/webhooks/", StringComparison.Ordinal))
        {
            path = "/v1/webhooks/{id}";
        }

        _requests.AddOrUpdate(request.Method.Method + " " + path, 1, (_, n) => n + 1);
        return await response;
    }

    private async Task<HttpResponseMessage> TokenAsync(HttpRequestMessage request)
    {
        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync())!.AsObject();
        string? Read(string name) => body.TryGetPropertyValue(name, out var node) ? node?.GetValue<string>() : null;
        if (Read("client_id") != ClientId || Read("client_secret") != ClientSecret)
        {
            return Json(HttpStatusCode.Unauthorized, """{"error":"invalid_client","error_description":"Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method."}""");
        }

        if (Read("grant_type") != "authorization_code")
        {
            return Json(HttpStatusCode.BadRequest, """{"error":"unsupported_grant_type","error_description":"The authorization grant type is not supported by the authorization server."}""");
        }

        var code = Read("code") ?? string.Empty;
        lock (_gate)
        {
            if (!_codes.TryGetValue(code, out var grant) || grant.Used)
            {
                return Json(HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client."}""");
            }

            if (Read("redirect_uri") != grant.RedirectUri)
            {
                return Json(HttpStatusCode.BadRequest, """{"error":"invalid_grant","error_description":"The redirect_uri does not match the redirection URI used in the authorization request."}""");
            }

            _codes[code] = grant with { Used = true };
            var token = "token-" + grant.Company + "-" + Guid.NewGuid().ToString("N") + "-SECRETTOKEN";
            _tokens[token] = grant.Company;
            LastIssuedToken = token;
            return Json(HttpStatusCode.OK, $$"""{"access_token":"{{token}}","token_type":"Bearer","scope":"public_api","created_at":1772366400}""");
        }
    }

    private long? Company(HttpRequestMessage request)
    {
        var auth = request.Headers.Authorization;
        return auth?.Scheme == "Bearer" && auth.Parameter is { } token && _tokens.TryGetValue(token, out var company) && !_revoked.ContainsKey(token)
            ? company
            : null;
    }

    private HttpResponseMessage Me(HttpRequestMessage request)
        => Company(request) is { } company
            ? Json(HttpStatusCode.OK, $$$$"""{"integration":{"name":"Partner app","custom_name":null,"logo":null,"company_id":{{{{company}}}},"status":"installed","active":true,"number_ids":[11,12],"numbers_count":2,"user":{"id":7,"name":"Admin","email":"admin@example.com"}}}""")
            : Forbidden();

    private HttpResponseMessage ListWebhooks(HttpRequestMessage request)
    {
        if (Company(request) is not { } company)
        {
            return Forbidden();
        }

        lock (_gate)
        {
            var hooks = _webhooks.Where(w => w.Company == company).Select(Serialize).ToArray();
            return Json(HttpStatusCode.OK, $$$"""{"webhooks":[{{{string.Join(",", hooks)}}}],"meta":{"count":{{{hooks.Length}}},"total":{{{hooks.Length}}},"next_page_link":null}}""");
        }
    }

    private async Task<HttpResponseMessage> CreateWebhookAsync(HttpRequestMessage request)
    {
        if (Company(request) is not { } company)
        {
            return Forbidden();
        }

        var body = JsonNode.Parse(await request.Content!.ReadAsStringAsync())!.AsObject();
        lock (_gate)
        {
            if (FailWebhookCreates > 0)
            {
                FailWebhookCreates--;
                return Json(HttpStatusCode.InternalServerError, """{"error":"Internal Server Error","troubleshoot":"Try again later"}""");
            }

            var hook = (company, Guid.NewGuid().ToString(), body["url"]!.GetValue<string>(), "whtoken-" + Guid.NewGuid().ToString("N"),
                body["events"]?.AsArray().Select(e => e!.GetValue<string>()).ToArray() ?? []);
            _webhooks.Add(hook);
            return Json(HttpStatusCode.Created, "{\"webhook\":" + Serialize(hook) + "}");
        }
    }

    private HttpResponseMessage GetWebhook(HttpRequestMessage request)
    {
        if (Company(request) is not { } company)
        {
            return Forbidden();
        }

        var id = request.RequestUri!.AbsolutePath["/v1/webhooks/".Length..];
        lock (_gate)
        {
            var hook = _webhooks.FirstOrDefault(w => w.Company == company && w.Id == id);
            return hook.Id is null ? Json(HttpStatusCode.NotFound, """{"message":"Not Found"}""") : Json(HttpStatusCode.OK, "{\"webhook\":" + Serialize(hook) + "}");
        }
    }

    private HttpResponseMessage ListCalls(HttpRequestMessage request)
    {
        if (Company(request) is not { } company)
        {
            return Forbidden();
        }

        var ids = Calls.TryGetValue(company, out var known) ? known : [];
        var calls = string.Join(',', ids.Select(id => $$"""{"id":{{id}},"started_at":{{1_770_000_000 + id}},"status":"done"}"""));
        return Json(HttpStatusCode.OK, $$$"""{"calls":[{{{calls}}}],"meta":{"count":{{{ids.Length}}},"total":{{{ids.Length}}},"next_page_link":null}}""");
    }

    private static string Serialize((long Company, string Id, string Url, string Token, string[] Events) hook)
        => JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["webhook_id"] = hook.Id,
            ["url"] = hook.Url,
            ["active"] = true,
            ["events"] = hook.Events,
            ["token"] = hook.Token,
        });

    private static HttpResponseMessage Forbidden() => Json(HttpStatusCode.Forbidden, """{"message":"Forbidden"}""");

    private static HttpResponseMessage Json(HttpStatusCode status, string body)
        => new(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
}
