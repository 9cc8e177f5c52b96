using Aircall.CallSync.Accounts;
using Aircall.CallSync.OAuth;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Tests.TestSupport;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Partners;

/// <summary>
/// A partner app as it registers the SDK (<c>AddAircallCallSync(...).AddPartnerAccounts()</c>), with MockHttp playing
/// Aircall (<see cref="FakeAircallOAuth"/>) behind both the API client and the OAuth client, a fake clock and captured logs.
/// </summary>
internal sealed class PartnerHarness : IDisposable
{
    internal const string BaseUrl = "https://api.test/";
    internal static readonly Uri WebhookUrl = new("https://partner.test/aircall/webhook");
    internal static readonly Uri SuccessUri = new("https://partner.test/installed");

    public PartnerHarness(Action<IServiceCollection>? services = null, Action<AircallOAuthOptions>? oauth = null, bool backfill = true)
    {
        Aircall = new FakeAircallOAuth(Http, BaseUrl);
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        collection.AddSingleton<ICallStore>(Calls);
        collection.AddSingleton<IAircallAccountStore>(Accounts);
        var builder = collection.AddAircallCallSync(options =>
        {
            options.BaseAddress = new Uri(BaseUrl);
            options.Resilience.MaxRetryAttempts = 0;
        });
        builder.HttpClient.ConfigurePrimaryHttpMessageHandler(() => Http);
        builder.AddPartnerAccounts(
            accounts =>
            {
                accounts.WebhookUrl = WebhookUrl;
                accounts.BackfillOnInstall = backfill;
            },
            options =>
            {
                options.ClientId = FakeAircallOAuth.ClientId;
                options.ClientSecret = FakeAircallOAuth.ClientSecret;
                options.RedirectUri = new Uri(FakeAircallOAuth.RedirectUri);
                options.SuccessUri = SuccessUri;
                oauth?.Invoke(options);
            });
        collection.AddHttpClient(AircallOAuthOptions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => Http);
        services?.Invoke(collection);
        Services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public MockHttpMessageHandler Http { get; } = new();

    public FakeAircallOAuth Aircall { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public CapturingLoggerProvider Logs { get; } = new();

    public InMemoryCallStore Calls { get; } = new();

    public InMemoryAircallAccountStore Accounts { get; } = new();

    public ServiceProvider Services { get; }

    public AircallInstallFlow Flow => Services.GetRequiredService<AircallInstallFlow>();

    public AircallWebhookProcessor Processor => Services.GetRequiredService<AircallWebhookProcessor>();

    /// <summary>Begins an install and has the admin of <paramref name="company"/> consent: the callback's code and state.</summary>
    public async Task<(string Code, string State)> ConsentAsync(long company)
    {
        var request = await Flow.BeginAsync(TestContext.Current.CancellationToken);
        return (Aircall.IssueCode(company), request.State);
    }

    /// <summary>A whole install of <paramref name="company"/>.</summary>
    public async Task<AircallInstallResult> InstallAsync(long company)
    {
        var (code, state) = await ConsentAsync(company);
        return await Flow.CompleteAsync(code, state, null, TestContext.Current.CancellationToken);
    }

    /// <summary>Waits until the default scheduler's runs for the account have ended.</summary>
    public async Task SyncIdleAsync(string accountId)
    {
        if (Services.GetRequiredService<IAccountSyncScheduler>() is InProcessAccountSyncScheduler scheduler)
        {
            await scheduler.WhenIdleAsync(accountId);
        }
    }

    /// <summary>Everything a log sink would have received, as one string.</summary>
    public string AllLogs => string.Join("\n", Logs.Entries);

    public void Dispose()
    {
        Services.Dispose();
        Http.Dispose();
    }
}
