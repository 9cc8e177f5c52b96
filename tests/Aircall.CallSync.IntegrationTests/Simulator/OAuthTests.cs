using System.Net;
using System.Text.Json;
using Aircall.CallSync.IntegrationTests.Samples;
using Aircall.CallSync.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.IntegrationTests.Simulator;

/// <summary>
/// The simulator's side of OAuth, spoken over real HTTP on 127.0.0.1 as the wire contract (briefs: oauth-wire) says:
/// the dashboard launch, consent, the token exchange and its errors, integrations, tokens on the API under the
/// company's own limit and data, webhooks per app, revocation and uninstall with integration.deleted.
/// </summary>
public sealed class OAuthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AircallSimulator Create(FakeTimeProvider? clock = null, int rateLimit = 0) => new(new AircallSimulatorOptions
    {
        CallCount = 40,
        RateLimit = rateLimit,
        TimeProvider = clock ?? new FakeTimeProvider(SimulatorHttp.Start),
    });

    [Fact]
    public async Task The_full_install_dance_in_a_browser_gives_a_token_that_reads_only_that_companys_calls()
    {
        await using var sim = Create();
        var companies = sim.AddAccounts(3, callCount: 25);
        await using var wire = await OAuthWire.StartAsync(sim);
        var company = companies[1];
        var cookies = new CookieContainer();
        using var browser = OAuthWire.Browser(cookies);

        using var landing = await browser.GetAsync(new Uri(wire.Simulator, $"/simulator/dashboard/{company.CompanyId}/install"), Ct);

        landing.StatusCode.Should().Be(HttpStatusCode.OK, "dashboard → install URI → consent → redirect URI, all followed");
        landing.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/callback");
        cookies.GetCookies(wire.Simulator)[SimulatorOAuth.CompanyCookie]!.Value.Should().Be(company.CompanyId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var callback = wire.Callbacks.Should().ContainSingle().Subject;
        callback["state"].Should().Be(wire.States.Single(), "the state is echoed verbatim");
        var code = callback["code"];
        var issued = sim.OAuth.Codes.Should().ContainSingle().Subject;
        issued.Code.Should().Be(code);
        issued.CompanyId.Should().Be(company.CompanyId);
        issued.ClientId.Should().Be(OAuthWire.ClientId);
        issued.UsedAt.Should().BeNull();

        var (status, token) = await wire.ExchangeAsync(wire.Fields(code));

        status.Should().Be(200, token.ToString());
        token.GetProperty("token_type").GetString().Should().Be("Bearer");
        token.GetProperty("scope").GetString().Should().Be("public_api");
        token.GetProperty("created_at").GetInt64().Should().Be(SimulatorHttp.Start.ToUnixTimeSeconds());
        token.TryGetProperty("expires_in", out _).Should().BeFalse("tokens are permanent");
        token.TryGetProperty("refresh_token", out _).Should().BeFalse();
        var accessToken = token.GetProperty("access_token").GetString()!;
        sim.OAuth.Codes.Single().UsedAt.Should().Be(SimulatorHttp.Start);
        sim.OAuth.TokensOf(company.CompanyId).Should().ContainSingle().Which.AccessToken.Should().Be(accessToken);

        using var api = wire.Bearer(accessToken);
        var me = (await api.GetJsonAsync("/v1/integrations/me")).GetProperty("integration");
        me.GetProperty("company_id").GetInt64().Should().Be(company.CompanyId);
        me.GetProperty("name").GetString().Should().Be("Partner CRM");
        me.GetProperty("status").GetString().Should().Be("installed");
        me.GetProperty("active").GetBoolean().Should().BeTrue();
        me.GetProperty("number_ids").EnumerateArray().Select(n => n.GetInt64()).Should().Equal(company.NumberIds);
        me.GetProperty("numbers_count").GetInt32().Should().Be(company.NumberIds.Count);
        me.GetProperty("user").GetProperty("email").GetString().Should().Contain("@");

        var page = await api.GetJsonAsync("/v1/calls?per_page=50");
        page.GetProperty("meta").GetProperty("total").GetInt32().Should().Be(25);
        page.Ids().Should().BeEquivalentTo(company.EnumerateCalls().Select(c => c.Id), "the token opens its own company's calls and no other's");
        var call = company.EnumerateCalls().First();
        (await api.GetJsonAsync($"/v1/calls/{call.Id}")).GetProperty("call").GetProperty("id").GetInt64().Should().Be(call.Id);
        (await api.SendAsync(HttpMethod.Get, $"/v1/calls/{sim.DefaultAccount.EnumerateCalls().First().Id}")).Status.Should().Be(404, "another company's call");
        sim.Requests.Where(r => r.Path.StartsWith("/v1/calls", StringComparison.Ordinal))
            .Should().OnlyContain(r => r.CompanyId == company.CompanyId && r.ClientId == OAuthWire.ClientId && r.Account == company.ApiId);
    }

    [Fact]
    public async Task The_dashboard_launch_sets_the_company_cookie_and_redirects_to_the_install_uri()
    {
        await using var sim = Create();
        await using var wire = await OAuthWire.StartAsync(sim);
        using var http = OAuthWire.NoRedirects(wire.Simulator);

        using var launch = await http.GetAsync($"/simulator/dashboard/{sim.DefaultAccount.CompanyId}/install", Ct);
        using var unknown = await http.GetAsync("/simulator/dashboard/999/install", Ct);
        using var success = await http.GetAsync("/oauth/success", Ct);

        launch.StatusCode.Should().Be(HttpStatusCode.Found);
        launch.Headers.Location.Should().Be(wire.InstallUri);
        var cookie = launch.Headers.GetValues("Set-Cookie").Should().ContainSingle().Subject;
        cookie.Should().StartWith($"{SimulatorOAuth.CompanyCookie}={AircallSimulator.FirstCompanyId};").And.Contain("path=/").And.Contain("httponly").And.Contain("samesite=lax");
        unknown.StatusCode.Should().Be(HttpStatusCode.NotFound);
        unknown.Headers.Location.Should().BeNull();
        success.StatusCode.Should().Be(HttpStatusCode.OK);
        success.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
    }

    [Theory]
    [InlineData("client_id", "no-such-client", "Unknown client_id")]
    [InlineData("client_id", null, "client_id is missing")]
    [InlineData("redirect_uri", "http://127.0.0.1:1/evil", "is not the one registered")]
    [InlineData("redirect_uri", null, "redirect_uri is missing")]
    [InlineData("response_type", "token", "response_type must be")]
    [InlineData("scope", "admin", "scope must be")]
    public async Task A_bad_authorize_request_is_a_400_page_naming_the_problem_and_never_a_redirect(string parameter, string? value, string message)
    {
        await using var sim = Create();
        await using var wire = await OAuthWire.StartAsync(sim);
        using var http = OAuthWire.NoRedirects(wire.Simulator);

        using var response = await http.GetAsync(wire.AuthorizeUrl(sim.DefaultAccount.CompanyId, (parameter, value)), Ct);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull("an unregistered redirect URI is never followed");
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/html");
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain(message);
        sim.OAuth.Codes.Should().BeEmpty();
    }

    [Fact]
    public async Task Authorize_needs_a_logged_in_admin_and_can_be_told_to_refuse()
    {
        await using var sim = Create();
        await using var wire = await OAuthWire.StartAsync(sim);
        using var http = OAuthWire.NoRedirects(wire.Simulator);
        var company = sim.DefaultAccount.CompanyId;

        using var anonymous = await http.GetAsync(wire.AuthorizeUrl(null), Ct);
        using var unknown = await http.GetAsync(wire.AuthorizeUrl(4242), Ct);
        sim.OAuth.RefuseConsent(company);
        using var refused = await http.GetAsync(wire.AuthorizeUrl(company), Ct);
        using var refusedNoState = await http.GetAsync(wire.AuthorizeUrl(company, ("state", null)), Ct);
        sim.OAuth.RefuseConsent(company, refuse: false);
        using var approved = await http.GetAsync(wire.AuthorizeUrl(company, ("state", "a b&c")), Ct);

        anonymous.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await anonymous.Content.ReadAsStringAsync(Ct)).Should().Contain("No admin is logged in");
        unknown.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        refused.StatusCode.Should().Be(HttpStatusCode.Found);
        refused.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be(wire.RedirectUri.AbsoluteUri);
        Query(refused)["error"].ToString().Should().Be("access_denied");
        Query(refused)["state"].ToString().Should().Be("state-123");
        Query(refused).ContainsKey("code").Should().BeFalse();
        Query(refusedNoState).ContainsKey("state").Should().BeFalse("state is omitted when absent");
        Query(approved)["state"].ToString().Should().Be("a b&c", "the state comes back verbatim");
        Query(approved)["code"].ToString().Should().Be(sim.OAuth.Codes.Single().Code);
    }

    [Fact]
    public async Task The_token_endpoint_answers_every_error_of_the_contract()
    {
        var clock = new FakeTimeProvider(SimulatorHttp.Start);
        await using var sim = Create(clock);
        await using var wire = await OAuthWire.StartAsync(sim);
        var company = sim.DefaultAccount.CompanyId;

        var wrongSecret = await wire.ExchangeAsync(With(wire.Fields(await wire.AuthorizeAsync(company)), "client_secret", "wrong"));
        var unknownClient = await wire.ExchangeAsync(With(wire.Fields("whatever"), "client_id", "nobody"));
        var unknownCode = await wire.ExchangeAsync(wire.Fields("no-such-code"));
        var code = await wire.AuthorizeAsync(company);
        var redirectMismatch = await wire.ExchangeAsync(With(wire.Fields(code), "redirect_uri", new Uri(wire.Address, "/other").AbsoluteUri));
        var first = await wire.ExchangeAsync(wire.Fields(code));
        var reused = await wire.ExchangeAsync(wire.Fields(code));
        var late = await wire.AuthorizeAsync(company);
        clock.Advance(SimulatorOAuth.CodeLifetime);
        var expired = await wire.ExchangeAsync(wire.Fields(late));
        var missing = await wire.ExchangeAsync(Without(wire.Fields(await wire.AuthorizeAsync(company)), "redirect_uri"));
        var grantType = await wire.ExchangeAsync(With(wire.Fields(await wire.AuthorizeAsync(company)), "grant_type", "client_credentials"));

        Error(wrongSecret).Should().Be((401, "invalid_client", "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method."));
        Error(unknownClient).Should().Be(Error(wrongSecret));
        const string InvalidGrant = "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.";
        Error(unknownCode).Should().Be((400, "invalid_grant", InvalidGrant));
        Error(redirectMismatch).Should().Be((400, "invalid_grant", "The redirect_uri does not match the redirection URI used in the authorization request."));
        first.Status.Should().Be(200, "a failed exchange does not use the code up");
        Error(reused).Should().Be((400, "invalid_grant", InvalidGrant));
        Error(expired).Should().Be((400, "invalid_grant", InvalidGrant));
        Error(missing).Status.Should().Be(400);
        Error(missing).Error.Should().Be("invalid_request");
        Error(missing).Description.Should().Contain("redirect_uri");
        Error(grantType).Should().Match<(int Status, string? Error, string? Description)>(e => e.Status == 400 && e.Error == "unsupported_grant_type");
        sim.OAuth.Tokens.Should().ContainSingle("only the one good exchange issued a token");
        sim.Requests.Where(r => r.Path == "/v1/oauth/token").Should().OnlyContain(r => r.Account == null, "the token endpoint is not an account's request");
    }

    [Fact]
    public async Task The_token_endpoint_takes_a_form_and_Basic_client_authentication_and_refuses_a_code_of_another_client()
    {
        await using var sim = Create();
        await using var wire = await OAuthWire.StartAsync(sim);
        sim.OAuth.RegisterApp("other-client", "other-secret", wire.RedirectUri, wire.InstallUri, "Other");
        using var http = OAuthWire.NoRedirects(wire.Simulator);
        var company = sim.DefaultAccount.CompanyId;

        using var form = new FormUrlEncodedContent(wire.Fields(await wire.AuthorizeAsync(company)));
        using var formResponse = await http.PostAsync("/v1/oauth/token", form, Ct);
        var basicFields = Without(Without(wire.Fields(await wire.AuthorizeAsync(company)), "client_id"), "client_secret");
        using var basicRequest = new HttpRequestMessage(HttpMethod.Post, "/v1/oauth/token") { Content = new FormUrlEncodedContent(basicFields) };
        basicRequest.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{OAuthWire.ClientId}:{OAuthWire.ClientSecret}")));
        using var basicResponse = await http.SendAsync(basicRequest, Ct);
        var stolen = await wire.ExchangeAsync(With(With(wire.Fields(await wire.AuthorizeAsync(company)), "client_id", "other-client"), "client_secret", "other-secret"));

        formResponse.StatusCode.Should().Be(HttpStatusCode.OK, await formResponse.Content.ReadAsStringAsync(Ct));
        formResponse.Headers.CacheControl!.NoStore.Should().BeTrue();
        basicResponse.StatusCode.Should().Be(HttpStatusCode.OK, await basicResponse.Content.ReadAsStringAsync(Ct));
        Error(stolen).Should().Match<(int Status, string? Error, string? Description)>(e => e.Status == 400 && e.Error == "invalid_grant");
        sim.OAuth.Tokens.Should().HaveCount(2).And.OnlyContain(t => t.ClientId == OAuthWire.ClientId && t.CompanyId == company);
    }

    [Fact]
    public async Task Integrations_are_OAuth_only_and_enable_and_disable_toggle_active()
    {
        await using var sim = Create();
        await using var wire = await OAuthWire.StartAsync(sim);
        using var api = wire.Bearer(await wire.InstallAsync(sim.DefaultAccount.CompanyId));
        using var basic = wire.Basic(sim.DefaultAccount);
        using var fixedToken = wire.Bearer(sim.DefaultAccount.AccessToken!);

        var disabled = await api.SendAsync(HttpMethod.Post, "/v1/integrations/disable");
        var whileDisabled = await api.GetJsonAsync("/v1/integrations/me");
        var enabled = await api.SendAsync(HttpMethod.Post, "/v1/integrations/enable");

        disabled.Status.Should().Be(200);
        JsonDocument.Parse(disabled.Body).RootElement.GetProperty("integration").GetProperty("active").GetBoolean().Should().BeFalse();
        whileDisabled.GetProperty("integration").GetProperty("active").GetBoolean().Should().BeFalse();
        JsonDocument.Parse(enabled.Body).RootElement.GetProperty("integration").GetProperty("active").GetBoolean().Should().BeTrue();
        (await basic.SendAsync(HttpMethod.Get, "/v1/integrations/me")).Should().Be((403, """{"message":"Forbidden"}"""));
        (await fixedToken.SendAsync(HttpMethod.Get, "/v1/integrations/me")).Status.Should().Be(403, "a fixed access token belongs to no app");
        (await basic.SendAsync(HttpMethod.Get, "/v1/ping")).Status.Should().Be(200);
    }

    [Fact]
    public async Task Twenty_companies_installed_independently_have_disjoint_calls_and_their_own_rate_limits()
    {
        await using var sim = Create(rateLimit: 5);
        var companies = sim.AddAccounts(20, callCount: 12);
        await using var wire = await OAuthWire.StartAsync(sim);

        var tokens = new Dictionary<long, string>();
        foreach (var company in companies)
        {
            tokens[company.CompanyId] = await wire.InstallAsync(company.CompanyId);
        }

        companies.Select(c => c.CompanyId).Should().OnlyHaveUniqueItems().And.HaveCount(20);
        tokens.Values.Should().OnlyHaveUniqueItems();
        var seen = new HashSet<long>();
        foreach (var company in companies)
        {
            using var api = wire.Bearer(tokens[company.CompanyId]);
            var ids = (await api.GetJsonAsync("/v1/calls?per_page=50")).Ids();
            ids.Should().BeEquivalentTo(company.EnumerateCalls().Select(c => c.Id));
            seen.Should().NotIntersectWith(ids, "no call belongs to two companies");
            seen.UnionWith(ids);
            (await api.GetJsonAsync("/v1/integrations/me")).GetProperty("integration").GetProperty("company_id").GetInt64().Should().Be(company.CompanyId);
        }

        seen.Should().HaveCount(20 * 12);
        using (var first = wire.Bearer(tokens[companies[0].CompanyId]))
        {
            for (var i = 0; i < 3; i++)
            {
                (await first.SendAsync(HttpMethod.Get, "/v1/ping")).Status.Should().Be(200);
            }

            (await first.SendAsync(HttpMethod.Get, "/v1/ping")).Status.Should().Be(429, "5 requests in the window: the first company's budget is spent");
        }

        using (var second = wire.Bearer(tokens[companies[1].CompanyId]))
        {
            (await second.SendAsync(HttpMethod.Get, "/v1/ping")).Status.Should().Be(200, "the second company has its own budget");
        }

        sim.MaxRequestsInWindow(companies[0].ApiId).Should().Be(6, "calls, integrations/me, three pings and the 429");
        sim.MaxRequestsInWindow(companies[1].ApiId).Should().Be(3);
        sim.Requests.Where(r => r.CompanyId == companies[0].CompanyId).Should().HaveCount(6).And.OnlyContain(r => r.ClientId == OAuthWire.ClientId);
    }

    [Fact]
    public async Task A_hundred_companies_of_thousands_of_calls_are_generated_only_when_read_and_never_share_a_call()
    {
        await using var sim = Create();

        var companies = sim.AddAccounts(100, callCount: 2_000);

        companies.Should().OnlyContain(c => !c.CallsGenerated, "adding accounts generates nothing");
        companies.Select(c => c.CompanyId).Should().Equal(Enumerable.Range(0, 100).Select(i => AircallSimulator.FirstCompanyId + 1 + i));
        companies.Select(c => c.ApiId).Should().OnlyHaveUniqueItems();
        sim.GetAccount(companies[42].CompanyId).Should().BeSameAs(companies[42]);
        sim.GetAccount(1).Should().BeNull();
        var token = sim.OAuth.IssueToken(companies[42].CompanyId, sim.OAuth.RegisterApp("fleet", "fleet-secret", new Uri("http://127.0.0.1:1/cb"), new Uri("http://127.0.0.1:1/install")).ClientId);
        using var http = SimulatorHttp.Client(sim);
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);
        (await http.GetJsonAsync("/v1/calls?per_page=1")).GetProperty("meta").GetProperty("total").GetInt32().Should().Be(2_000);
        companies.Where(c => c.CallsGenerated).Should().Equal([companies[42]], "only the company that was read");

        var ranges = companies.Select(c => c.EnumerateCalls().Select(call => call.Id).ToList()).Select(ids => (Min: ids.Min(), Max: ids.Max())).ToList();
        ranges.Zip(ranges.Skip(1)).Should().OnlyContain(pair => pair.First.Max < pair.Second.Min, "each company's call ids are its own");
        companies.Should().OnlyContain(c => c.CallCount == 2_000);
        Assert.Throws<ArgumentException>(() => sim.OAuth.IssueToken(999, "fleet"));
    }

    [Fact]
    public async Task Webhooks_created_with_an_OAuth_token_are_seen_only_by_that_apps_tokens()
    {
        await using var sim = Create();
        await using var wire = await OAuthWire.StartAsync(sim);
        var app2 = sim.OAuth.RegisterApp("second-app", "second-secret", wire.RedirectUri, wire.InstallUri, "Second");
        var company = sim.DefaultAccount;
        using var oauth = wire.Bearer(await wire.InstallAsync(company.CompanyId));
        using var oauthAgain = wire.Bearer(await wire.InstallAsync(company.CompanyId));
        using var otherApp = wire.Bearer(sim.OAuth.IssueToken(company.CompanyId, app2.ClientId));
        using var basic = wire.Basic(company);

        var oauthHook = WebhookId(await oauth.SendAsync(HttpMethod.Post, "/v1/webhooks", """{"url":"https://partner.example.test/hook"}"""));
        var basicHook = WebhookId(await basic.SendAsync(HttpMethod.Post, "/v1/webhooks", """{"url":"https://customer.example.test/hook"}"""));

        ListedIds(await oauth.GetJsonAsync("/v1/webhooks")).Should().Equal(oauthHook);
        ListedIds(await oauthAgain.GetJsonAsync("/v1/webhooks")).Should().Equal([oauthHook], "a later token of the same app in the same company");
        ListedIds(await otherApp.GetJsonAsync("/v1/webhooks")).Should().BeEmpty();
        ListedIds(await basic.GetJsonAsync("/v1/webhooks")).Should().Equal(basicHook);
        (await basic.SendAsync(HttpMethod.Get, $"/v1/webhooks/{oauthHook}")).Status.Should().Be(404);
        (await otherApp.SendAsync(HttpMethod.Delete, $"/v1/webhooks/{oauthHook}")).Status.Should().Be(404);
        (await oauth.SendAsync(HttpMethod.Get, $"/v1/webhooks/{basicHook}")).Status.Should().Be(404);
        company.GetWebhooks().Select(w => w.WebhookId).Should().BeEquivalentTo([oauthHook, basicHook]);
        company.GetOAuthWebhooks().Select(w => w.WebhookId).Should().Equal(oauthHook);
        company.GetOAuthWebhooks(app2.ClientId).Should().BeEmpty();
    }

    [Fact]
    public async Task Uninstall_revokes_the_tokens_delivers_integration_deleted_to_the_OAuth_webhooks_then_deletes_them()
    {
        await using var sim = Create();
        var companies = sim.AddAccounts(2, callCount: 5);
        await using var wire = await OAuthWire.StartAsync(sim);
        await using var receiver = await LoopbackWebhookReceiver.StartAsync();
        var company = companies[0];
        var token = await wire.InstallAsync(company.CompanyId);
        var otherToken = await wire.InstallAsync(companies[1].CompanyId);
        using var api = wire.Bearer(token);
        var (_, created) = await api.SendAsync(HttpMethod.Post, "/v1/webhooks", $$"""{"url":"{{receiver.Url}}","events":["call.ended"]}""");
        var webhook = JsonDocument.Parse(created).RootElement.GetProperty("webhook");
        var customerHook = company.AddWebhook(new Uri(receiver.Url, "?customer=1"));
        using (var other = wire.Bearer(otherToken))
        {
            await other.SendAsync(HttpMethod.Post, "/v1/webhooks", $$"""{"url":"{{receiver.Url}}"}""");
        }

        var result = await sim.OAuth.UninstallAsync(company.CompanyId, cancellationToken: Ct);

        result.TokensRevoked.Should().Be(1);
        result.WebhooksDeleted.Should().Equal(webhook.GetProperty("webhook_id").GetString());
        result.Deliveries.Should().ContainSingle().Which.Succeeded.Should().BeTrue();
        var delivered = receiver.Received.Should().ContainSingle("only the OAuth webhook of the uninstalled company, whatever its events").Subject;
        delivered.Path.Should().Be("/aircall/webhook");
        delivered.Json.GetProperty("resource").GetString().Should().Be("integration");
        delivered.Json.GetProperty("event").GetString().Should().Be("integration.deleted");
        delivered.Json.GetProperty("token").GetString().Should().Be(webhook.GetProperty("token").GetString());
        delivered.Json.GetProperty("timestamp").GetInt64().Should().Be(SimulatorHttp.Start.ToUnixTimeSeconds());
        delivered.Json.GetProperty("data").GetProperty("company_id").GetInt64().Should().Be(company.CompanyId);
        delivered.Json.GetProperty("data").GetProperty("integration_id").GetInt64().Should().Be(sim.OAuth.IntegrationId(company.CompanyId, OAuthWire.ClientId));
        sim.Webhooks.Deliveries.Should().ContainSingle().Which.Event.Should().Be("integration.deleted");

        (await api.SendAsync(HttpMethod.Get, "/v1/calls")).Should().Be((403, """{"message":"Forbidden"}"""));
        (await api.SendAsync(HttpMethod.Get, "/v1/integrations/me")).Status.Should().Be(403);
        sim.OAuth.TokensOf(company.CompanyId).Should().OnlyContain(t => t.RevokedAt == SimulatorHttp.Start);
        company.GetOAuthWebhooks().Should().BeEmpty();
        company.GetWebhooks().Select(w => w.WebhookId).Should().Equal([customerHook.WebhookId], "the customer's own webhook stays");
        using (var other = wire.Bearer(otherToken))
        {
            (await other.SendAsync(HttpMethod.Get, "/v1/calls")).Status.Should().Be(200, "another company is not affected");
        }

        companies[1].GetOAuthWebhooks().Should().ContainSingle();
        var reinstalled = await wire.InstallAsync(company.CompanyId);
        using var again = wire.Bearer(reinstalled);
        (await again.SendAsync(HttpMethod.Get, "/v1/calls")).Status.Should().Be(200, "the company can install the app again");
    }

    [Fact]
    public async Task Uninstall_and_revoke_work_over_the_simulators_control_endpoints()
    {
        await using var sim = Create();
        await using var wire = await OAuthWire.StartAsync(sim);
        var company = sim.DefaultAccount;
        var revokedToken = await wire.InstallAsync(company.CompanyId);
        var keptToken = await wire.InstallAsync(company.CompanyId);
        using var control = OAuthWire.NoRedirects(wire.Simulator);
        using var revoked = wire.Bearer(revokedToken);
        using var kept = wire.Bearer(keptToken);

        var revoke = await control.SendAsync(HttpMethod.Post, "/simulator/oauth/revoke", $$"""{"token":"{{revokedToken}}"}""");
        var revokeAgain = await control.SendAsync(HttpMethod.Post, "/simulator/oauth/revoke", $$"""{"token":"{{revokedToken}}"}""");
        var afterRevoke = await revoked.SendAsync(HttpMethod.Get, "/v1/calls");
        var stillWorks = await kept.SendAsync(HttpMethod.Get, "/v1/calls");
        var accounts = await control.GetJsonAsync("/simulator/accounts");
        var uninstall = await control.SendAsync(HttpMethod.Post, $"/simulator/accounts/{company.CompanyId}/uninstall");
        var unknown = await control.SendAsync(HttpMethod.Post, "/simulator/accounts/1/uninstall");

        revoke.Should().Be((200, """{"revoked":true}"""));
        revokeAgain.Status.Should().Be(404);
        afterRevoke.Should().Be((403, """{"message":"Forbidden"}"""), "a revoked token is refused: the app must be installed again");
        stillWorks.Status.Should().Be(200, "revoking one token leaves the company's other tokens");
        var listed = accounts.GetProperty("accounts").EnumerateArray().Single();
        listed.GetProperty("company_id").GetInt64().Should().Be(company.CompanyId);
        listed.GetProperty("oauth_tokens").GetInt32().Should().Be(1);
        uninstall.Status.Should().Be(200, uninstall.Body);
        JsonDocument.Parse(uninstall.Body).RootElement.GetProperty("tokens_revoked").GetInt32().Should().Be(1);
        unknown.Status.Should().Be(404);
        (await kept.SendAsync(HttpMethod.Get, "/v1/calls")).Status.Should().Be(403);
    }

    private static Dictionary<string, Microsoft.Extensions.Primitives.StringValues> Query(HttpResponseMessage response)
        => QueryHelpers.ParseQuery(response.Headers.Location!.Query);

    private static Dictionary<string, string> With(Dictionary<string, string> fields, string key, string value)
    {
        fields[key] = value;
        return fields;
    }

    private static Dictionary<string, string> Without(Dictionary<string, string> fields, string key)
    {
        fields.Remove(key);
        return fields;
    }

    private static (int Status, string? Error, string? Description) Error((int Status, JsonElement Body) answer)
        => (answer.Status,
            answer.Body.TryGetProperty("error", out var error) ? error.GetString() : null,
            answer.Body.TryGetProperty("error_description", out var description) ? description.GetString() : null);

    private static string WebhookId((int Status, string Body) created)
    {
        created.Status.Should().Be(201, created.Body);
        return JsonDocument.Parse(created.Body).RootElement.GetProperty("webhook").GetProperty("webhook_id").GetString()!;
    }

    private static List<string> ListedIds(JsonElement list)
        => [.. list.GetProperty("webhooks").EnumerateArray().Select(w => w.GetProperty("webhook_id").GetString()!)];
}
