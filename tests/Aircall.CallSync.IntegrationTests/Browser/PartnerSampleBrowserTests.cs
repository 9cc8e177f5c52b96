using System.Diagnostics;
using Aircall.CallSync.IntegrationTests.Samples;
using Aircall.CallSync.Testing;
using OpenQA.Selenium;

namespace Aircall.CallSync.IntegrationTests.Browser;

/// <summary>
/// samples/Aircall.CallSync.Samples.Partner run as a process, as a partner runs it, and used as a person uses it: an
/// Aircall admin installs the app from the dashboard in a real headless Chromium (<see cref="HeadlessChromium"/>), and the
/// accounts page shows the account and its calls. Aircall is a simulator on 127.0.0.1, owned by the test (the sample is
/// configured for it as for Aircall: base address, OAuth client, consent page), except in the demo test.
/// </summary>
[Collection(SampleProcesses.Name)]
public sealed class PartnerSampleBrowserTests : IDisposable
{
    private const string Sample = "Aircall.CallSync.Samples.Partner";
    private const string ClientId = "browser-test-client";
    private const string ClientSecret = "browser-test-secret-not-a-secret";
    private static readonly TimeSpan PageTimeout = TimeSpan.FromSeconds(90);
    private readonly SampleDatabase _directory = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task An_admin_installs_the_app_from_the_dashboard_and_the_page_shows_the_account_Active_with_every_call_stored()
    {
        await using var aircall = await StartAircallAsync();
        var company = aircall.Simulator.AddAccounts(1, 137)[0]; // three pages of calls to backfill
        var otherCompany = aircall.Simulator.AddAccounts(1, 20)[0]; // never installs the app
        await using var sample = await StartSampleAsync(aircall);
        using var browser = HeadlessChromium.Start();

        // The admin clicks Install in the dashboard: the app's install URI, the consent page, the app's callback, and
        // the app's page, all followed by the browser.
        browser.Open(aircall.DashboardInstall(company.CompanyId));

        browser.Url.Should().Be(aircall.App, sample.Output);
        browser.Status.Should().Be(200);
        browser.Driver.Title.Should().Be("Aircall accounts · Aircall.CallSync partner sample");
        var accountId = company.CompanyId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // The calls land page by page; the backfill's time once it completed.
        var row = await WaitForRowAsync(browser, sample, accountId, r => r.Status == "Active" && r.Calls == company.CallCount && r.LastSync.Length > 0, "Active with all 137 calls backfilled");
        row.Company.Should().Be(accountId);
        row.LastError.Should().BeEmpty();
        browser.Driver.FindElements(By.Id("account-" + otherCompany.CompanyId)).Should().BeEmpty("that company never installed the app");

        // The install ensured the account's webhook on Aircall: new calls arrive through it and land under the account.
        company.GetOAuthWebhooks(ClientId).Should().ContainSingle().Which.Url.Should().Be(new Uri(aircall.App, "aircall/webhook").ToString());
        var newCalls = company.AddCalls(3, aircall.Simulator.TimeProvider.GetUtcNow() - SimulatorWebhooks.SimulatedCallAge);
        foreach (var id in newCalls)
        {
            (await aircall.Simulator.Webhooks.DeliverLifecycleAsync(id, Ct)).Should().OnlyContain(d => d.Succeeded, sample.Output);
        }

        row = await WaitForRowAsync(browser, sample, accountId, r => r.Calls == company.CallCount && r.LastWebhook.Length > 0, "with the 3 webhook calls and a last webhook");
        row.Calls.Should().Be(140);
        row.Status.Should().Be("Active");
        browser.Driver.FindElement(By.Id("summary")).Text.Should().StartWith("1 accounts installed, 1 active; 140 calls stored.");
    }

    [Fact]
    public async Task A_callback_with_a_forged_state_answers_400_in_the_browser_and_adds_no_account()
    {
        await using var aircall = await StartAircallAsync();
        var company = aircall.Simulator.AddAccounts(1, 10)[0];
        await using var sample = await StartSampleAsync(aircall);
        using var browser = HeadlessChromium.Start();

        // No install started in this browser: a state and a code made up by an attacker.
        browser.Open(new Uri(aircall.App, "aircall/oauth/callback?code=forged-code-0123456789&state=forged-state-0123456789"));

        browser.Status.Should().Be(400, sample.Output);
        browser.Text.Should().Contain("start the install again").And.NotContain("forged-code").And.NotContain("forged-state");
        aircall.Simulator.OAuth.Tokens.Should().BeEmpty("the app exchanged no code");
        browser.Open(aircall.App);
        browser.Status.Should().Be(200);
        browser.Driver.FindElement(By.TagName("html")).GetAttribute("lang").Should().Be("en");
        browser.Driver.FindElement(By.TagName("h1")).Text.Should().Be("Aircall accounts");
        browser.Driver.FindElement(By.Id("summary")).Text.Should().StartWith("0 accounts installed, 0 active; 0 calls stored.");
        browser.Driver.FindElement(By.Id("no-accounts")).Text.Should().Contain("No account has installed the app yet");
        browser.Driver.FindElements(By.CssSelector("script, link[rel=stylesheet], img")).Should().BeEmpty("the page loads nothing from elsewhere and runs no script");
        browser.Driver.FindElements(By.Id("account-" + company.CompanyId)).Should().BeEmpty();
        company.GetOAuthWebhooks().Should().BeEmpty("no install happened");
    }

    [Fact]
    public async Task The_demo_installs_20_companies_through_the_install_flow_and_its_page_shows_each_one_in_sync()
    {
        var address = WebhookSampleTests.FreeLoopbackAddress();
        var environment = new Dictionary<string, string> { ["Demo__Calls"] = "60", ["Demo__WebhookCalls"] = "1" };
        await using var sample = SampleProcess.Start(Sample, _directory.Directory, environment, "--demo", "--urls", address.ToString());
        await sample.WaitForLineAsync(line => line.StartsWith("Still serving", StringComparison.Ordinal), TimeSpan.FromMinutes(3));
        sample.Stdout.Should().Contain("Installed: 20 of 20.").And.Contain("In sync: 20 of 20 accounts.").And.Contain("partner-demo.db");
        sample.Stdout.Should().NotContain(PartnerDemoSecret, "the client secret is never printed");
        using var browser = HeadlessChromium.Start();

        browser.Open(address);

        browser.Status.Should().Be(200, sample.Output);
        var rows = browser.Driver.FindElements(By.CssSelector("#accounts tbody tr"));
        rows.Should().HaveCount(20, sample.Output);
        foreach (var element in rows)
        {
            var row = AccountRow.Read(element);
            row.Status.Should().Be("Active", row.ToString());
            row.SimulatorCalls.Should().BeGreaterThan(60, "each company also received a call through its webhook");
            row.Calls.Should().Be(row.SimulatorCalls, row.ToString());
            row.LastWebhook.Should().NotBeEmpty(row.ToString());
            row.LastSync.Should().NotBeEmpty(row.ToString());
        }

        browser.Driver.FindElement(By.Id("all-installed")).Text.Should().Be("Every company has installed the app.");
    }

    private const string PartnerDemoSecret = "partner-demo-secret-not-a-secret";

    private static async Task<Aircall> StartAircallAsync()
    {
        var app = WebhookSampleTests.FreeLoopbackAddress();
        var simulator = new AircallSimulator(new AircallSimulatorOptions { CallCount = 0, Seed = 7 });
        var address = await simulator.StartKestrelAsync(Ct);
        simulator.OAuth.RegisterApp(ClientId, ClientSecret, new Uri(app, "aircall/oauth/callback"), new Uri(app, "aircall/install"), "Browser test app");
        return new Aircall(simulator, address, app);
    }

    /// <summary>The sample configured for the simulator as a partner configures it for Aircall.</summary>
    private async Task<SampleProcess> StartSampleAsync(Aircall aircall)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Calls"] = _directory.ConnectionString,
            ["Aircall__BaseAddress"] = aircall.Address.ToString(),
            ["Aircall__OAuth__ClientId"] = ClientId,
            ["Aircall__OAuth__ClientSecret"] = ClientSecret,
            ["Aircall__OAuth__RedirectUri"] = new Uri(aircall.App, "aircall/oauth/callback").ToString(),
            ["Aircall__OAuth__AuthorizeEndpoint"] = new Uri(aircall.Address, "oauth/authorize").ToString(),
            ["Aircall__OAuth__SuccessUri"] = aircall.App.ToString(),
            ["Aircall__Accounts__WebhookUrl"] = new Uri(aircall.App, "aircall/webhook").ToString(),
            ["Partner__KeysDirectory"] = Path.Combine(_directory.Directory, "keys"),
        };
        var sample = SampleProcess.Start(Sample, _directory.Directory, environment, "--urls", aircall.App.ToString());
        try
        {
            await sample.WaitForLineAsync(line => line.StartsWith("Accounts page:", StringComparison.Ordinal));
            sample.Stdout.Should().NotContain("Demo mode");
            return sample;
        }
        catch
        {
            await sample.DisposeAsync();
            throw;
        }
    }

    /// <summary>Reloads the page, as a person waiting would, until the account's row satisfies <paramref name="done"/>.</summary>
    private static async Task<AccountRow> WaitForRowAsync(HeadlessChromium browser, SampleProcess sample, string accountId, Func<AccountRow, bool> done, string what)
    {
        var waited = Stopwatch.StartNew();
        AccountRow? last = null;
        while (true)
        {
            if (browser.Driver.FindElements(By.Id("account-" + accountId)) is [var element])
            {
                last = AccountRow.Read(element);
                if (done(last))
                {
                    return last;
                }
            }

            if (waited.Elapsed > PageTimeout)
            {
                throw new TimeoutException($"The page did not show account {accountId} {what} within {PageTimeout}; last row: {last?.ToString() ?? "none"}.\n--- page ---\n{browser.Text}\n{sample.Output}");
            }

            await Task.Delay(250, Ct);
            browser.Open(new Uri(browser.Url.GetLeftPart(UriPartial.Authority) + "/"));
        }
    }

    private sealed record Aircall(AircallSimulator Simulator, Uri Address, Uri App) : IAsyncDisposable
    {
        public Uri DashboardInstall(long companyId) => new(Address, $"simulator/dashboard/{companyId}/install");

        public ValueTask DisposeAsync() => Simulator.DisposeAsync();
    }

    /// <summary>One row of the accounts table, read by its cells' fields.</summary>
    private sealed record AccountRow(string Account, string Company, string Status, long Calls, long? SimulatorCalls, string LastWebhook, string LastSync, string LastError)
    {
        public static AccountRow Read(IWebElement row)
        {
            string Field(string name) => row.FindElements(By.CssSelector($"[data-field='{name}']")) is [var cell] ? cell.Text.Trim() : "";
            var simulator = Field("simulator-calls");
            return new AccountRow(
                Field("account"), Field("company"), Field("status"), long.Parse(Field("calls"), System.Globalization.CultureInfo.InvariantCulture),
                simulator.Length == 0 ? null : long.Parse(simulator, System.Globalization.CultureInfo.InvariantCulture),
                Field("last-webhook"), Field("last-sync"), Field("last-error"));
        }
    }
}
