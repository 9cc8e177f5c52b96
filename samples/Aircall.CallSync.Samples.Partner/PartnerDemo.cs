using System.Globalization;
using System.Net;
using System.Text.Json;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.Testing;
using Microsoft.EntityFrameworkCore;

namespace Aircall.CallSync.Samples.Partner;

/// <summary>
/// The demo: an Aircall simulator plays Aircall for many companies. In this process, it registers the app (client id
/// and secret, redirect URI = the app's callback, install URI = the app's install endpoint) and creates
/// <c>Demo:Accounts</c> companies with calls; a standalone one (<c>--simulator</c>) was started with the same app
/// (<c>--oauth-*</c>) and companies (<c>--accounts</c>). Then every company installs the app through the real HTTP flow,
/// each account is backfilled, and, in this process, the simulator delivers new calls' events to each account's webhook.
/// </summary>
internal sealed class PartnerDemo : IAsyncDisposable
{
    /// <summary>The demo app's client id, unless <c>Aircall:OAuth:ClientId</c> says otherwise.</summary>
    public const string DefaultClientId = "partner-demo";

    /// <summary>The demo app's secret, unless <c>Aircall:OAuth:ClientSecret</c> says otherwise: a fake value for the simulator only.</summary>
    public const string DefaultClientSecret = "partner-demo-secret-not-a-secret";

    private readonly AircallSimulator? _simulator;
    private readonly Dictionary<long, long> _standaloneCalls = [];

    private PartnerDemo(Uri simulatorAddress, AircallSimulator? simulator)
    {
        Simulator = simulatorAddress;
        _simulator = simulator;
    }

    public Uri Simulator { get; }

    public DemoState State { get; } = new();

    /// <summary>Starts a simulator in this process, registers the app at <paramref name="app"/> and adds the companies.</summary>
    public static async Task<PartnerDemo> StartAsync(Uri app, string clientId, string clientSecret, int companies, int calls)
    {
        var simulator = new AircallSimulator(new AircallSimulatorOptions { CallCount = 0, Seed = 42 });
        var address = await simulator.StartKestrelAsync();
        simulator.OAuth.RegisterApp(clientId, clientSecret, Callback(app), Install(app), "Aircall.CallSync partner demo");
        var demo = new PartnerDemo(address, simulator);
        for (var i = 0; i < companies; i++)
        {
            // A different number of calls in each company, so that a mix-up between accounts would show on the page.
            var company = simulator.AddAccounts(1, calls + (7 * i))[0];
            demo.State.Add(new DemoCompany(company.CompanyId, $"Company {company.CompanyId}", DashboardInstall(address, company.CompanyId)));
        }

        demo.State.Simulator = address;
        demo.State.CallsAtSimulator = companyId => simulator.GetAccount(companyId)?.CallCount;
        return demo;
    }

    /// <summary>Uses the standalone simulator at <paramref name="address"/>: its companies, as <c>GET /simulator/accounts</c> lists them.</summary>
    public static async Task<PartnerDemo> AttachAsync(Uri address, CancellationToken cancellationToken)
    {
        var demo = new PartnerDemo(address, null);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var listing = JsonDocument.Parse(await http.GetStringAsync(new Uri(address, "simulator/accounts"), cancellationToken));
        foreach (var account in listing.RootElement.GetProperty("accounts").EnumerateArray())
        {
            var companyId = account.GetProperty("company_id").GetInt64();
            demo._standaloneCalls[companyId] = account.GetProperty("calls").GetInt64();
            demo.State.Add(new DemoCompany(companyId, $"Company {companyId}", DashboardInstall(address, companyId)));
        }

        demo.State.Simulator = address;
        demo.State.CallsAtSimulator = companyId => demo._standaloneCalls.TryGetValue(companyId, out var count) ? count : null;
        return demo;
    }

    /// <summary>The app's callback, registered as its redirect URI.</summary>
    public static Uri Callback(Uri app) => new(app, "aircall/oauth/callback");

    /// <summary>The app's install endpoint, registered as its install URI.</summary>
    public static Uri Install(Uri app) => new(app, "aircall/install");

    /// <summary>The settings that point the app at the simulator (the rest comes from the app's own configuration).</summary>
    public Dictionary<string, string?> Settings(Uri app, string clientId, string clientSecret) => new()
    {
        ["Aircall:BaseAddress"] = Simulator.ToString(),
        ["Aircall:OAuth:ClientId"] = clientId,
        ["Aircall:OAuth:ClientSecret"] = clientSecret,
        ["Aircall:OAuth:RedirectUri"] = Callback(app).ToString(),
        ["Aircall:OAuth:AuthorizeEndpoint"] = new Uri(Simulator, "oauth/authorize").ToString(),
        ["Aircall:OAuth:SuccessUri"] = app.ToString(), // back to the accounts page once installed
        ["Aircall:Accounts:WebhookUrl"] = new Uri(app, "aircall/webhook").ToString(),
        ["Aircall:Accounts:WebhookName"] = "Aircall.CallSync partner demo",
        // Twenty accounts make hundreds of deliveries and syncs: their per-event lines would bury the demo's summary.
        ["Logging:LogLevel:Aircall.CallSync.Webhooks"] = "Warning",
        ["Logging:LogLevel:Aircall.CallSync.Sync"] = "Warning",
    };

    /// <summary>
    /// Installs the app in every company, waits for their backfills, delivers new calls' events (in-process simulator),
    /// and prints each account's state. Returns whether every company's calls are all stored under its account.
    /// </summary>
    public async Task<bool> RunAsync(Uri app, IAircallAccountStore accounts, IDbContextFactory<PartnerDbContext> contexts, int webhookCalls, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var companies = State.Companies;
        Console.WriteLine($"Installing the app in {companies.Count} companies, each as its admin would: the dashboard's Install link, the install URI, the consent page (auto-approved), the callback.");
        var failures = 0;
        var shown = 0;
        await Parallel.ForEachAsync(companies, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (company, token) =>
        {
            var outcome = await InstallWalk.RunAsync(company.InstallLink, token);
            var landed = outcome.Status == HttpStatusCode.OK && outcome.FinalUrl.Port == app.Port && outcome.FinalUrl.AbsolutePath == "/";
            if (!landed)
            {
                Interlocked.Increment(ref failures);
                Console.WriteLine($"  {company.Name}: the install ended with {(int)outcome.Status} at {outcome.FinalUrl.GetLeftPart(UriPartial.Path)} ({string.Join(" → ", outcome.Steps)}).");
            }
            else if (Interlocked.Increment(ref shown) == 1)
            {
                Console.WriteLine($"  {company.Name}: {string.Join(" → ", outcome.Steps)} (200, the accounts page).");
            }
        });

        Console.WriteLine($"Installed: {companies.Count - failures} of {companies.Count}. Waiting for the backfills...");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await WaitAsync(async token => await CountAsync(accounts, a => a.LastSyncAt is not null || a.LastError is not null, token) >= companies.Count - failures, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Console.WriteLine($"  Not every backfill finished within {timeout}.");
        }

        if (_simulator is not null && webhookCalls > 0)
        {
            var delivered = 0;
            var failed = 0;
            foreach (var company in companies)
            {
                var account = _simulator.GetAccount(company.CompanyId)!;
                foreach (var id in account.AddCalls(webhookCalls, _simulator.TimeProvider.GetUtcNow() - SimulatorWebhooks.SimulatedCallAge))
                {
                    foreach (var attempt in await _simulator.Webhooks.DeliverLifecycleAsync(id, cancellationToken))
                    {
                        delivered++;
                        failed += attempt.Succeeded ? 0 : 1;
                    }
                }
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"New calls: {webhookCalls} in each company; the simulator delivered {delivered} call events to the accounts' webhooks: {delivered - failed} answered 2xx, {failed} failed."));
            failures += failed > 0 ? 1 : 0;
        }

        var counts = await PartnerDatabase.CountCallsByAccountAsync(contexts, cancellationToken);
        var inSync = 0;
        Console.WriteLine("Accounts (also on the accounts page):");
        await foreach (var account in accounts.ListAsync(cancellationToken))
        {
            var stored = counts.GetValueOrDefault(account.AccountId);
            var expected = account.CompanyId is { } companyId ? State.CallsAtSimulator(companyId) : null;
            var ok = account.Status == AircallAccountStatus.Active && expected == stored;
            inSync += ok ? 1 : 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  account {account.AccountId}: {account.Status}, {stored} of {expected?.ToString(CultureInfo.InvariantCulture) ?? "?"} calls stored, last webhook {Time(account.LastWebhookAt)}, last sync {Time(account.LastSyncAt)}{(account.LastError is null ? "" : ", last error: " + account.LastError)}"));
        }

        Console.WriteLine($"In sync: {inSync} of {companies.Count} accounts.");
        return failures == 0 && inSync == companies.Count;
    }

    public async ValueTask DisposeAsync()
    {
        if (_simulator is not null)
        {
            await _simulator.DisposeAsync();
        }
    }

    private static Uri DashboardInstall(Uri simulator, long companyId) => new(simulator, $"simulator/dashboard/{companyId.ToString(CultureInfo.InvariantCulture)}/install");

    private static async Task<int> CountAsync(IAircallAccountStore accounts, Func<AircallAccount, bool> predicate, CancellationToken cancellationToken)
    {
        var count = 0;
        await foreach (var account in accounts.ListAsync(cancellationToken))
        {
            count += predicate(account) ? 1 : 0;
        }

        return count;
    }

    private static async Task WaitAsync(Func<CancellationToken, Task<bool>> done, CancellationToken cancellationToken)
    {
        while (!await done(cancellationToken))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
        }
    }

    private static string Time(DateTimeOffset? time) => time is { } value ? value.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) : "-";
}
