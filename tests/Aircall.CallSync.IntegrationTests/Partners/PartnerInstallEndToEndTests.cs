using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.IntegrationTests.Infrastructure;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.IntegrationTests.Partners;

/// <summary>
/// A partner app on Kestrel at 127.0.0.1 (<c>AddPartnerAccounts</c>, <c>MapAircallInstall</c>, <c>MapAircallWebhook</c>)
/// against the simulator on Kestrel, driven as a browser would: the dashboard's Install, consent, the callback; then
/// webhook deliveries resolve to the account, and an uninstall forgets it.
/// </summary>
public sealed class PartnerInstallEndToEndTests
{
    private const string ClientId = "e2e-partner-client";
    private const string ClientSecret = "e2e-partner-secret-not-a-secret";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_install_in_a_browser_backfills_the_account_its_webhooks_resolve_to_it_and_an_uninstall_forgets_it()
    {
        await using var sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 3 });
        var companies = sim.AddAccounts(2, callCount: 6);
        var simulator = await sim.StartKestrelAsync(Ct);
        await using var partner = await PartnerApp.StartAsync(simulator);
        sim.OAuth.RegisterApp(ClientId, ClientSecret, partner.RedirectUri, partner.InstallUri, "Partner e2e");
        var company = companies[0];
        var other = companies[1];
        var accountId = company.CompanyId.ToString(CultureInfo.InvariantCulture);
        var otherId = other.CompanyId.ToString(CultureInfo.InvariantCulture);

        using (var landing = await partner.InstallInBrowserAsync(simulator, company.CompanyId))
        {
            landing.StatusCode.Should().Be(HttpStatusCode.OK, await landing.Content.ReadAsStringAsync(Ct));
            landing.RequestMessage!.RequestUri!.AbsolutePath.Should().Be("/oauth/success", "dashboard → install URI → consent → callback → success page");
        }

        using (var landing = await partner.InstallInBrowserAsync(simulator, other.CompanyId))
        {
            landing.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var account = (await partner.Accounts.FindAsync(accountId, Ct))!;
        account.Status.Should().Be(AircallAccountStatus.Active);
        account.CompanyId.Should().Be(company.CompanyId);
        account.AccessToken.Should().Be(sim.OAuth.TokensOf(company.CompanyId).Single().AccessToken);
        var webhook = company.GetOAuthWebhooks().Should().ContainSingle().Subject;
        webhook.Url.Should().Be(partner.WebhookUrl.AbsoluteUri);
        account.WebhookId.Should().Be(webhook.WebhookId);

        await partner.SyncIdleAsync(accountId);
        await partner.SyncIdleAsync(otherId);
        foreach (var call in company.EnumerateCalls())
        {
            partner.Calls.Find(accountId, call.Id).Should().NotBeNull("the first backfill stored the account's calls");
            partner.Calls.Find(otherId, call.Id).Should().BeNull();
        }

        (await partner.Accounts.FindAsync(accountId, Ct))!.CallsSynced.Should().Be(6);

        // Installing again (the admin retries) finds the webhook by its URL: still one.
        using (var again = await partner.InstallInBrowserAsync(simulator, company.CompanyId))
        {
            again.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        company.GetOAuthWebhooks().Should().ContainSingle();

        var callId = company.EnumerateCalls().First().Id;
        var deliveries = await sim.Webhooks.DeliverEventAsync(callId, "call.ended", Ct);
        deliveries.Should().NotBeEmpty().And.OnlyContain(d => d.Succeeded);
        partner.Calls.Find(accountId, callId).Should().NotBeNull("2xx: the delivery's token resolved to the account (an unknown token gets 401)");
        partner.Calls.Find(otherId, callId).Should().BeNull();

        var uninstall = await sim.OAuth.UninstallAsync(company.CompanyId, cancellationToken: Ct);

        uninstall.Deliveries.Should().ContainSingle().Which.Succeeded.Should().BeTrue();
        var forgotten = (await partner.Accounts.FindAsync(accountId, Ct))!;
        forgotten.Status.Should().Be(AircallAccountStatus.Uninstalled);
        forgotten.AccessToken.Should().BeNull();
        forgotten.WebhookId.Should().BeNull();
        forgotten.WebhookTokenDigest.Should().BeNull();
        partner.Calls.Find(accountId, callId).Should().NotBeNull("stored calls stay");
        (await partner.Accounts.FindAsync(otherId, Ct))!.Status.Should().Be(AircallAccountStatus.Active);
        var act = () => partner.Clients.CreateClient(accountId).Ping.PingAsync(Ct);
        await act.Should().ThrowAsync<AircallAccountUnavailableException>();
    }

    [Fact]
    public async Task A_token_revoked_in_the_simulator_marks_the_account_NeedsReinstall_after_one_request()
    {
        await using var sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 3 });
        var company = sim.AddAccounts(1, callCount: 2)[0];
        var simulator = await sim.StartKestrelAsync(Ct);
        await using var partner = await PartnerApp.StartAsync(simulator);
        sim.OAuth.RegisterApp(ClientId, ClientSecret, partner.RedirectUri, partner.InstallUri, "Partner e2e");
        var accountId = company.CompanyId.ToString(CultureInfo.InvariantCulture);
        using (var landing = await partner.InstallInBrowserAsync(simulator, company.CompanyId))
        {
            landing.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        await partner.SyncIdleAsync(accountId);
        sim.OAuth.RevokeToken(sim.OAuth.TokensOf(company.CompanyId).Single().AccessToken).Should().BeTrue();
        var before = sim.Requests.Count;
        var scheduler = partner.App.Services.GetRequiredService<IAccountSyncScheduler>();

        for (var i = 0; i < 3; i++)
        {
            await scheduler.ScheduleBackfillAsync(accountId, Ct);
            await partner.SyncIdleAsync(accountId);
        }

        sim.Requests.Count.Should().Be(before + 1, "one 403, then the account is refused without calling Aircall");
        var account = (await partner.Accounts.FindAsync(accountId, Ct))!;
        account.Status.Should().Be(AircallAccountStatus.NeedsReinstall);
        account.LastError.Should().Contain("403");
    }

    /// <summary>The partner app: Kestrel on a free port of 127.0.0.1, known before start so the options can name it.</summary>
    private sealed class PartnerApp : IAsyncDisposable
    {
        private PartnerApp(WebApplication app, Uri address)
        {
            App = app;
            Address = address;
        }

        public WebApplication App { get; }

        public Uri Address { get; }

        public Uri InstallUri => new(Address, "/aircall/install");

        public Uri RedirectUri => new(Address, "/aircall/oauth/callback");

        public Uri WebhookUrl => new(Address, "/aircall/webhook");

        public InMemoryCallStore Calls { get; private set; } = null!;

        public InMemoryAircallAccountStore Accounts { get; private set; } = null!;

        public IAircallClientFactory Clients => App.Services.GetRequiredService<IAircallClientFactory>();

        public static async Task<PartnerApp> StartAsync(Uri simulator)
        {
            var address = new Uri($"http://127.0.0.1:{FreePort()}/");
            var calls = new InMemoryCallStore();
            var accounts = new InMemoryAircallAccountStore();
            var (app, _) = await LoopbackApp.StartAsync(
                builder =>
                {
                    builder.WebHost.UseUrls(address.AbsoluteUri);
                    builder.Services.AddSingleton<ICallStore>(calls);
                    builder.Services.AddSingleton<IAircallAccountStore>(accounts);
                    builder.Services.AddAircallCallSync(o => o.BaseAddress = simulator).AddPartnerAccounts(
                        a => a.WebhookUrl = new Uri(address, "/aircall/webhook"),
                        o =>
                        {
                            o.ClientId = ClientId;
                            o.ClientSecret = ClientSecret;
                            o.RedirectUri = new Uri(address, "/aircall/oauth/callback");
                            o.AuthorizeEndpoint = new Uri(simulator, "/oauth/authorize");
                            o.SuccessUri = new Uri(simulator, "/oauth/success");
                        });
                },
                app =>
                {
                    app.MapAircallInstall();
                    app.MapAircallWebhook();
                });
            var partner = new PartnerApp(app, address);
            partner.Calls = calls;
            partner.Accounts = accounts;
            return partner;
        }

        /// <summary>An admin of <paramref name="companyId"/> clicks Install in the (simulated) dashboard, in a fresh browser.</summary>
        public async Task<HttpResponseMessage> InstallInBrowserAsync(Uri simulator, long companyId)
        {
            var cookies = new CookieContainer();
#pragma warning disable CA2000 // disposed with the client
            using var browser = new HttpClient(new HttpClientHandler { CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = true }) { Timeout = TimeSpan.FromSeconds(60) };
#pragma warning restore CA2000
            var response = await browser.GetAsync(new Uri(simulator, $"/simulator/dashboard/{companyId.ToString(CultureInfo.InvariantCulture)}/install"), Ct);
            await response.Content.LoadIntoBufferAsync(Ct);
            return response;
        }

        public async Task SyncIdleAsync(string accountId)
        {
            if (App.Services.GetRequiredService<IAccountSyncScheduler>() is InProcessAccountSyncScheduler scheduler)
            {
                await scheduler.WhenIdleAsync(accountId);
            }
        }

        public async ValueTask DisposeAsync() => await App.DisposeAsync();

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
