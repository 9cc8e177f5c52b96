using Microsoft.Extensions.Configuration;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Aircall.CallSync.OAuth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Partners;

public sealed class OAuthClientTests : IDisposable
{
    private readonly PartnerHarness _app = new(backfill: false);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IAircallOAuthClient OAuth => _app.Services.GetRequiredService<IAircallOAuthClient>();

    [Fact]
    public async Task The_consent_url_carries_client_id_redirect_uri_code_public_api_and_a_fresh_state()
    {
        var first = await OAuth.CreateAuthorizationRequestAsync(Ct);
        var second = await OAuth.CreateAuthorizationRequestAsync(Ct);

        first.Url.GetLeftPart(UriPartial.Path).Should().Be("https://dashboard.aircall.io/oauth/authorize");
        var query = System.Web.HttpUtility.ParseQueryString(first.Url.Query);
        query["client_id"].Should().Be(FakeAircallOAuth.ClientId);
        query["redirect_uri"].Should().Be(FakeAircallOAuth.RedirectUri);
        query["response_type"].Should().Be("code");
        query["scope"].Should().Be("public_api");
        query["state"].Should().Be(first.State);
        first.State.Should().HaveLength(43).And.NotBe(second.State);
        first.ExpiresAt.Should().Be(_app.Time.GetUtcNow() + TimeSpan.FromMinutes(10));
        first.ToString().Should().NotContain(first.State);
    }

    [Fact]
    public async Task Only_the_states_digest_is_stored_and_it_is_accepted_once()
    {
        var states = new RecordingStateStore();
        using var app = new PartnerHarness(services => services.AddSingleton<IOAuthStateStore>(states), backfill: false);
        var oauth = app.Services.GetRequiredService<IAircallOAuthClient>();

        var request = await oauth.CreateAuthorizationRequestAsync(Ct);

        states.Added.Should().ContainSingle().Which.Should().Equal(SHA256.HashData(Encoding.UTF8.GetBytes(request.State)));
        (await oauth.ConsumeStateAsync(request.State, Ct)).Should().BeTrue();
        (await oauth.ConsumeStateAsync(request.State, Ct)).Should().BeFalse("a state is single-use");
    }

    [Fact]
    public async Task Missing_forged_and_expired_states_are_refused()
    {
        var request = await OAuth.CreateAuthorizationRequestAsync(Ct);

        (await OAuth.ConsumeStateAsync(null, Ct)).Should().BeFalse();
        (await OAuth.ConsumeStateAsync(string.Empty, Ct)).Should().BeFalse();
        (await OAuth.ConsumeStateAsync(request.State + "x", Ct)).Should().BeFalse();
        (await OAuth.ConsumeStateAsync(new string('a', 5000), Ct)).Should().BeFalse();
        _app.Time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        (await OAuth.ConsumeStateAsync(request.State, Ct)).Should().BeFalse("it expired");
    }

    [Fact]
    public async Task The_exchange_posts_json_to_the_token_endpoint_and_returns_the_token()
    {
        var code = _app.Aircall.IssueCode(4242);

        var token = await OAuth.ExchangeCodeAsync(code, Ct);

        token.AccessToken.Should().StartWith("token-4242-");
        token.TokenType.Should().Be("Bearer");
        token.Scope.Should().Be("public_api");
        token.CreatedAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1772366400));
        token.ToString().Should().NotContain(token.AccessToken);
        _app.Aircall.Requests("POST /v1/oauth/token").Should().Be(1);
    }

    [Fact]
    public async Task The_exchange_body_is_the_documented_json()
    {
        using var http = new MockHttpMessageHandler();
        string? body = null;
        string? contentType = null;
        http.When(HttpMethod.Post, PartnerHarness.BaseUrl + "v1/oauth/token").Respond(async request =>
        {
            contentType = request.Content!.Headers.ContentType!.MediaType;
            body = await request.Content.ReadAsStringAsync();
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("""{"access_token":"t-1","token_type":"Bearer"}""") };
        });
        using var app = new PartnerHarness(services => services.AddHttpClient(AircallOAuthOptions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => http), backfill: false);

        await app.Services.GetRequiredService<IAircallOAuthClient>().ExchangeCodeAsync("the-code", Ct);

        contentType.Should().Be("application/json");
        using var json = JsonDocument.Parse(body!);
        json.RootElement.GetProperty("grant_type").GetString().Should().Be("authorization_code");
        json.RootElement.GetProperty("code").GetString().Should().Be("the-code");
        json.RootElement.GetProperty("redirect_uri").GetString().Should().Be(FakeAircallOAuth.RedirectUri);
        json.RootElement.GetProperty("client_id").GetString().Should().Be(FakeAircallOAuth.ClientId);
        json.RootElement.GetProperty("client_secret").GetString().Should().Be(FakeAircallOAuth.ClientSecret);
    }

    [Fact]
    public async Task A_used_code_is_InvalidCode_and_says_to_install_again()
    {
        var code = _app.Aircall.IssueCode(1);
        await OAuth.ExchangeCodeAsync(code, Ct);

        var act = () => OAuth.ExchangeCodeAsync(code, Ct);

        var error = (await act.Should().ThrowAsync<AircallOAuthException>()).Which;
        error.Reason.Should().Be(AircallOAuthErrorReason.InvalidCode);
        error.Error.Should().Be("invalid_grant");
        error.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        error.Message.Should().Contain("install again").And.NotContain(code);
    }

    [Fact]
    public async Task A_wrong_secret_is_InvalidClient_and_names_the_settings()
    {
        using var app = new PartnerHarness(oauth: o => o.ClientSecret = "wrong-SECRET-value", backfill: false);
        var code = app.Aircall.IssueCode(1);

        var act = () => app.Services.GetRequiredService<IAircallOAuthClient>().ExchangeCodeAsync(code, Ct);

        var error = (await act.Should().ThrowAsync<AircallOAuthException>()).Which;
        error.Reason.Should().Be(AircallOAuthErrorReason.InvalidClient);
        error.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        error.Message.Should().Contain("Aircall:OAuth:ClientSecret").And.NotContain("wrong-SECRET-value").And.NotContain(code);
        error.ToString().Should().NotContain("wrong-SECRET-value");
    }

    [Fact]
    public async Task A_wrong_client_id_is_InvalidClient()
    {
        using var app = new PartnerHarness(oauth: o => o.ClientId = "someone-else", backfill: false);

        var act = () => app.Services.GetRequiredService<IAircallOAuthClient>().ExchangeCodeAsync(app.Aircall.IssueCode(1), Ct);

        (await act.Should().ThrowAsync<AircallOAuthException>()).Which.Reason.Should().Be(AircallOAuthErrorReason.InvalidClient);
    }

    [Fact]
    public async Task A_redirect_uri_other_than_the_consent_requests_is_RedirectUriMismatch()
    {
        var code = _app.Aircall.IssueCode(1, redirectUri: "https://partner.test/other/callback");

        var act = () => OAuth.ExchangeCodeAsync(code, Ct);

        var error = (await act.Should().ThrowAsync<AircallOAuthException>()).Which;
        error.Reason.Should().Be(AircallOAuthErrorReason.RedirectUriMismatch);
        error.Message.Should().Contain("Aircall:OAuth:RedirectUri");
    }

    [Theory]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"invalid_request","error_description":"Missing param"}""", AircallOAuthErrorReason.InvalidRequest)]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"unsupported_grant_type"}""", AircallOAuthErrorReason.UnsupportedGrantType)]
    [InlineData(HttpStatusCode.BadRequest, """{"error":"invalid_scope"}""", AircallOAuthErrorReason.InvalidScope)]
    [InlineData(HttpStatusCode.BadGateway, "<html>bad gateway</html>", AircallOAuthErrorReason.Unavailable)]
    [InlineData(HttpStatusCode.OK, """{"token_type":"Bearer"}""", AircallOAuthErrorReason.InvalidResponse)]
    [InlineData(HttpStatusCode.Unauthorized, "", AircallOAuthErrorReason.InvalidClient)]
    [InlineData(HttpStatusCode.Conflict, """{"error":"something_new"}""", AircallOAuthErrorReason.Unknown)]
    public async Task Every_token_endpoint_answer_maps_to_a_reason(HttpStatusCode status, string body, AircallOAuthErrorReason reason)
    {
        using var http = new MockHttpMessageHandler();
        http.When(HttpMethod.Post, PartnerHarness.BaseUrl + "v1/oauth/token").Respond(status, "application/json", body);
        using var app = new PartnerHarness(services => services.AddHttpClient(AircallOAuthOptions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => http), backfill: false);

        var act = () => app.Services.GetRequiredService<IAircallOAuthClient>().ExchangeCodeAsync("code-x", Ct);

        (await act.Should().ThrowAsync<AircallOAuthException>()).Which.Reason.Should().Be(reason);
    }

    [Fact]
    public async Task An_unreachable_token_endpoint_is_Unavailable()
    {
        using var http = new MockHttpMessageHandler();
        http.When(HttpMethod.Post, PartnerHarness.BaseUrl + "v1/oauth/token").Throw(new HttpRequestException("connection refused"));
        using var app = new PartnerHarness(services => services.AddHttpClient(AircallOAuthOptions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => http), backfill: false);

        var act = () => app.Services.GetRequiredService<IAircallOAuthClient>().ExchangeCodeAsync("code-x", Ct);

        (await act.Should().ThrowAsync<AircallOAuthException>()).Which.Reason.Should().Be(AircallOAuthErrorReason.Unavailable);
    }

    [Fact]
    public async Task A_description_that_echoes_the_code_or_secret_is_redacted()
    {
        using var http = new MockHttpMessageHandler();
        http.When(HttpMethod.Post, PartnerHarness.BaseUrl + "v1/oauth/token").Respond(HttpStatusCode.BadRequest, "application/json",
            $$"""{"error":"invalid_grant","error_description":"grant code-ECHO for {{FakeAircallOAuth.ClientSecret}} is invalid"}""");
        using var app = new PartnerHarness(services => services.AddHttpClient(AircallOAuthOptions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => http), backfill: false);

        var act = () => app.Services.GetRequiredService<IAircallOAuthClient>().ExchangeCodeAsync("code-ECHO", Ct);

        var error = (await act.Should().ThrowAsync<AircallOAuthException>()).Which;
        error.Message.Should().Contain("[redacted]").And.NotContain("code-ECHO").And.NotContain(FakeAircallOAuth.ClientSecret);
    }

    [Fact]
    public async Task No_secret_code_state_or_token_reaches_the_logs()
    {
        var request = await OAuth.CreateAuthorizationRequestAsync(Ct);
        await OAuth.ConsumeStateAsync(request.State, Ct);
        var code = _app.Aircall.IssueCode(77);
        var token = await OAuth.ExchangeCodeAsync(code, Ct);
        var failed = () => OAuth.ExchangeCodeAsync(code, Ct);
        await failed.Should().ThrowAsync<AircallOAuthException>();

        var logs = _app.AllLogs;
        logs.Should().Contain("Aircall OAuth code exchange failed: InvalidCode", "the failure itself is logged");
        foreach (var secret in new[] { FakeAircallOAuth.ClientSecret, code, request.State, token.AccessToken })
        {
            logs.Should().NotContain(secret);
        }
    }

    [Fact]
    public void Options_name_each_missing_key_at_start_up()
    {
        using var app = new PartnerHarness(oauth: o =>
        {
            o.ClientId = null;
            o.ClientSecret = " ";
            o.RedirectUri = new Uri("http://partner.example.com/callback");
        });

        var act = () => app.Services.GetRequiredService<IOptions<AircallOAuthOptions>>().Value;

        var error = act.Should().Throw<OptionsValidationException>().Which;
        error.Message.Should().Contain("Aircall:OAuth:ClientId is missing").And.Contain("Aircall:OAuth:ClientSecret is missing")
            .And.Contain("Aircall:OAuth:RedirectUri").And.Contain("not HTTPS");
    }

    [Fact]
    public void Options_bind_from_the_OAuth_section_and_never_show_the_secret()
    {
        var configuration = new Microsoft.Extensions.Configuration.ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aircall:OAuth:ClientId"] = "cid",
            ["Aircall:OAuth:ClientSecret"] = "csecret-SECRET",
            ["Aircall:OAuth:RedirectUri"] = "https://partner.example.com/aircall/oauth/callback",
            ["Aircall:OAuth:AuthorizeEndpoint"] = "http://127.0.0.1:5000/oauth/authorize",
            ["Aircall:OAuth:SuccessUri"] = "https://partner.example.com/done",
            ["Aircall:OAuth:StateLifetime"] = "00:05:00",
            ["Aircall:Accounts:WebhookUrl"] = "https://partner.example.com/aircall/webhook",
            ["Aircall:Accounts:BackfillFrom"] = "2026-01-01T00:00:00Z",
        }).Build();
        var services = new ServiceCollection();
        services.AddAircallCallSync(configuration).AddPartnerAccounts();
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<AircallOAuthOptions>>().Value;
        var accounts = provider.GetRequiredService<IOptions<Aircall.CallSync.Accounts.AircallAccountsOptions>>().Value;

        options.ClientId.Should().Be("cid");
        options.ClientSecret.Should().Be("csecret-SECRET");
        options.RedirectUri.Should().Be(new Uri("https://partner.example.com/aircall/oauth/callback"));
        options.AuthorizeEndpoint.Should().Be(new Uri("http://127.0.0.1:5000/oauth/authorize"));
        options.SuccessUri.Should().Be(new Uri("https://partner.example.com/done"));
        options.StateLifetime.Should().Be(TimeSpan.FromMinutes(5));
        options.ToString().Should().NotContain("csecret-SECRET");
        accounts.WebhookUrl.Should().Be(new Uri("https://partner.example.com/aircall/webhook"));
        accounts.BackfillQuery.From.Should().Be(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        accounts.WebhookEvents.Should().Contain("integration.deleted").And.Contain("call.ended");
    }

    [Fact]
    public void A_missing_webhook_url_is_named_at_start_up()
    {
        var services = new ServiceCollection();
        services.AddAircallCallSync(o => { }).AddPartnerAccounts(configureOAuth: o =>
        {
            o.ClientId = "a";
            o.ClientSecret = "b";
            o.RedirectUri = new Uri("https://p.example.com/cb");
        });
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IOptions<Aircall.CallSync.Accounts.AircallAccountsOptions>>().Value;

        act.Should().Throw<OptionsValidationException>().WithMessage("*Aircall:Accounts:WebhookUrl is missing*");
    }

    public void Dispose() => _app.Dispose();

    private sealed class RecordingStateStore : IOAuthStateStore
    {
        private readonly InMemoryOAuthStateStore _inner = new();

        public List<byte[]> Added { get; } = [];

        public ValueTask AddAsync(ReadOnlyMemory<byte> stateDigest, DateTimeOffset expiresAt, CancellationToken cancellationToken)
        {
            Added.Add(stateDigest.ToArray());
            return _inner.AddAsync(stateDigest, expiresAt, cancellationToken);
        }

        public ValueTask<bool> TryConsumeAsync(ReadOnlyMemory<byte> stateDigest, DateTimeOffset now, CancellationToken cancellationToken)
            => _inner.TryConsumeAsync(stateDigest, now, cancellationToken);
    }
}
