using System.Net;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.OAuth;
using Aircall.CallSync.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Partners;

/// <summary><c>MapAircallInstall</c> over ASP.NET Core's test server: redirects, the state cookie, and bad callbacks.</summary>
public sealed class InstallEndpointTests : IAsyncLifetime
{
    private const long Company = 4040;
    private readonly MockHttpMessageHandler _http = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemoryAircallAccountStore _accounts = new();
    private readonly InstallFlowTests.RecordingScheduler _scheduler = new();
    private FakeAircallOAuth _aircall = null!;
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _aircall = new FakeAircallOAuth(_http, PartnerHarness.BaseUrl);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<TimeProvider>(_time);
        builder.Services.AddSingleton<ICallStore>(new InMemoryCallStore());
        builder.Services.AddSingleton<IAircallAccountStore>(_accounts);
        var sdk = builder.Services.AddAircallCallSync(o =>
        {
            o.BaseAddress = new Uri(PartnerHarness.BaseUrl);
            o.Resilience.MaxRetryAttempts = 0;
        });
        sdk.HttpClient.ConfigurePrimaryHttpMessageHandler(() => _http);
        sdk.AddPartnerAccounts(a => a.WebhookUrl = PartnerHarness.WebhookUrl, o =>
        {
            o.ClientId = FakeAircallOAuth.ClientId;
            o.ClientSecret = FakeAircallOAuth.ClientSecret;
            o.RedirectUri = new Uri(FakeAircallOAuth.RedirectUri);
            o.SuccessUri = PartnerHarness.SuccessUri;
        });
        builder.Services.AddHttpClient(AircallOAuthOptions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => _http);
        builder.Services.AddSingleton<IAccountSyncScheduler>(_scheduler);
        _app = builder.Build();
        _app.MapAircallInstall();
        await _app.StartAsync(Ct);
        _client = _app.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
        _http.Dispose();
    }

    [Fact]
    public async Task The_install_uri_redirects_to_consent_and_binds_the_state_to_the_browser()
    {
        using var response = await _client.GetAsync("/aircall/install", Ct);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).Should().Be("https://dashboard.aircall.io/oauth/authorize");
        var state = System.Web.HttpUtility.ParseQueryString(location.Query)["state"];
        state.Should().NotBeNullOrEmpty();
        var cookie = response.Headers.GetValues("Set-Cookie").Single();
        cookie.Should().StartWith("aircall_oauth_state=").And.Contain("httponly").And.Contain("samesite=lax").And.NotContain(state!);
        cookie.Should().NotContain("secure", "the test server speaks plain HTTP");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
    }

    [Fact]
    public async Task The_callback_installs_and_redirects_to_the_success_page()
    {
        var (state, cookie) = await BeginAsync();

        using var response = await CallbackAsync($"?code={_aircall.IssueCode(Company)}&state={state}", cookie);

        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location.Should().Be(PartnerHarness.SuccessUri);
        (await _accounts.FindAsync("4040", Ct))!.Status.Should().Be(AircallAccountStatus.Active);
        response.Headers.GetValues("Set-Cookie").Single().Should().Contain("aircall_oauth_state=;").And.Contain("expires=Thu, 01 Jan 1970");
    }

    [Fact]
    public async Task A_callback_from_another_browser_is_400_and_its_state_stays_unused()
    {
        var (state, _) = await BeginAsync();
        var code = _aircall.IssueCode(Company);

        using var response = await CallbackAsync($"?code={code}&state={state}", cookie: null);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        var body = await response.Content.ReadAsStringAsync(Ct);
        body.Should().Contain("did not start in this browser").And.NotContain(code).And.NotContain(state);
        response.Content.Headers.ContentType!.MediaType.Should().Be("text/plain");
        _accounts.Count.Should().Be(0);
        _aircall.TotalRequests.Should().Be(0);
    }

    [Theory]
    [InlineData("missing")]
    [InlineData("forged")]
    [InlineData("other cookie")]
    [InlineData("repeated")]
    public async Task Bad_states_are_400_and_change_nothing(string kind)
    {
        var (state, cookie) = await BeginAsync();
        var (_, otherCookie) = await BeginAsync();
        var code = _aircall.IssueCode(Company);
        var query = kind switch
        {
            "missing" => $"?code={code}",
            "forged" => $"?code={code}&state=forged{state}",
            "repeated" => $"?code={code}&state={state}&state={state}",
            _ => $"?code={code}&state={state}",
        };

        using var response = await CallbackAsync(query, kind == "other cookie" ? otherCookie : cookie);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).Should().NotContain(code).And.NotContain(state);
        _accounts.Count.Should().Be(0);
        _aircall.TotalRequests.Should().Be(0);
    }

    [Fact]
    public async Task A_replayed_callback_is_400()
    {
        var (state, cookie) = await BeginAsync();
        var query = $"?code={_aircall.IssueCode(Company)}&state={state}";
        using (var first = await CallbackAsync(query, cookie))
        {
            first.StatusCode.Should().Be(HttpStatusCode.Redirect);
        }

        var requests = _aircall.TotalRequests;
        using var replay = await CallbackAsync(query, cookie);

        replay.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        _aircall.TotalRequests.Should().Be(requests);
    }

    [Fact]
    public async Task Declined_consent_is_400_with_a_plain_message()
    {
        var (state, cookie) = await BeginAsync();

        using var response = await CallbackAsync($"?error=access_denied&state={state}", cookie);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("declined");
        _accounts.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_half_failed_install_answers_502_and_the_account_waits_Installing()
    {
        _aircall.FailWebhookCreates = 1;
        var (state, cookie) = await BeginAsync();

        using var response = await CallbackAsync($"?code={_aircall.IssueCode(Company)}&state={state}", cookie);

        response.StatusCode.Should().Be(HttpStatusCode.BadGateway);
        (await response.Content.ReadAsStringAsync(Ct)).Should().Contain("install it again");
        (await _accounts.FindAsync("4040", Ct))!.Status.Should().Be(AircallAccountStatus.Installing);
    }

    private async Task<(string State, string Cookie)> BeginAsync()
    {
        using var response = await _client.GetAsync("/aircall/install", Ct);
        var state = System.Web.HttpUtility.ParseQueryString(response.Headers.Location!.Query)["state"]!;
        var cookie = response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        return (state, cookie);
    }

    private async Task<HttpResponseMessage> CallbackAsync(string query, string? cookie)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/aircall/oauth/callback" + query);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        return await _client.SendAsync(request, Ct);
    }
}
