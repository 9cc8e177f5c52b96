using Aircall.CallSync.Accounts;
using Aircall.CallSync.Quartz;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Tests.Fleet;

/// <summary>
/// What <c>AddFleetSync</c> registers: the fleet as the install flow's scheduler (whichever order it and
/// <c>AddPartnerAccounts</c> are called in), each account's credentials from the account store, and a host that refuses
/// to start without its database. Nothing here connects to PostgreSQL.
/// </summary>
public sealed class AddFleetSyncTests
{
    private const string ConnectionString = "Host=127.0.0.1;Database=x;Username=u;Password=p";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public enum PartnerAccounts
    {
        None,
        Before,
        After,
    }

    [Theory]
    [InlineData(PartnerAccounts.None)]
    [InlineData(PartnerAccounts.Before)]
    [InlineData(PartnerAccounts.After)]
    public void The_fleet_is_the_account_sync_scheduler(PartnerAccounts partnerAccounts)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ICallStore, InMemoryCallStore>();
        var sdk = services.AddAircallCallSync(o => { });
        if (partnerAccounts == PartnerAccounts.Before)
        {
            sdk.AddPartnerAccounts(a => a.WebhookUrl = new Uri("https://partner.test/aircall/webhook"));
        }

        sdk.AddFleetSync(o => o.ConnectionString = ConnectionString);
        if (partnerAccounts == PartnerAccounts.After)
        {
            sdk.AddPartnerAccounts(a => a.WebhookUrl = new Uri("https://partner.test/aircall/webhook"));
        }

        using var provider = services.BuildServiceProvider();

        var fleet = provider.GetRequiredService<AircallFleet>();
        provider.GetRequiredService<IAccountSyncScheduler>().Should().BeSameAs(fleet, "an install's first backfill becomes its fleet job");
        provider.GetServices<IAccountSyncScheduler>().Should().ContainSingle("the in-process scheduler is replaced, not added to");
        if (partnerAccounts != PartnerAccounts.None)
        {
            provider.GetRequiredService<AircallInstallFlow>().Should().NotBeNull();
        }
    }

    [Fact]
    public async Task Each_accounts_credentials_come_from_the_account_store()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ICallStore, InMemoryCallStore>();
        var accounts = new InMemoryAircallAccountStore();
        services.AddSingleton<IAircallAccountStore>(accounts);
        services.AddAircallCallSync(o => { }).AddFleetSync(o => o.ConnectionString = ConnectionString);
        using var provider = services.BuildServiceProvider();
        await accounts.SaveAsync(Account("acct-1", AircallAccountStatus.Active, "fleet-token-not-a-secret"), Ct);
        await accounts.SaveAsync(Account("acct-2", AircallAccountStatus.NeedsReinstall, "revoked-token"), Ct);

        var credentials = provider.GetRequiredService<IAircallCredentialProvider>();

        (await credentials.GetCredentialsAsync("acct-1", Ct)).Should().Be(AircallCredentials.Bearer("fleet-token-not-a-secret").WithAccountId("acct-1"));
        var revoked = () => credentials.GetCredentialsAsync("acct-2", Ct).AsTask();
        (await revoked.Should().ThrowAsync<AircallAccountUnavailableException>()).Which.Status.Should().Be(AircallAccountStatus.NeedsReinstall);
    }

    [Fact]
    public async Task Without_an_account_store_of_yours_the_in_memory_one_is_shared_by_the_fleet_and_the_credentials()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ICallStore, InMemoryCallStore>();
        services.AddAircallCallSync(o => { }).AddFleetSync(o => o.ConnectionString = ConnectionString);
        using var provider = services.BuildServiceProvider();
        var store = provider.GetRequiredService<IAircallAccountStore>();
        await store.SaveAsync(Account("acct-9", AircallAccountStatus.Active, "in-memory-token"), Ct);

        var credentials = await provider.GetRequiredService<IAircallCredentialProvider>().GetCredentialsAsync("acct-9", Ct);

        store.Should().BeOfType<InMemoryAircallAccountStore>();
        credentials.Should().Be(AircallCredentials.Bearer("in-memory-token").WithAccountId("acct-9"));
    }

    [Fact]
    public async Task The_host_does_not_start_without_a_connection_string_and_says_which_setting_to_set()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<ICallStore, InMemoryCallStore>();
        builder.Services.AddAircallCallSync(o => { }).AddFleetSync(o => o.Interval = TimeSpan.FromMinutes(1));
        using var host = builder.Build();

        var start = () => host.StartAsync(Ct);

        (await start.Should().ThrowAsync<OptionsValidationException>())
            .Which.Message.Should().Contain("Fleet sync needs the PostgreSQL database its workers share: set AircallFleetOptions.ConnectionString");
    }

    [Fact]
    public async Task The_host_does_not_start_with_a_bad_setting_and_names_it()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<ICallStore, InMemoryCallStore>();
        builder.Services.AddAircallCallSync(o => { }).AddFleetSync(o =>
        {
            o.ConnectionString = ConnectionString;
            o.MaxConcurrentSlices = 0;
        });
        using var host = builder.Build();

        var start = () => host.StartAsync(Ct);

        (await start.Should().ThrowAsync<OptionsValidationException>())
            .Which.Failures.Should().ContainSingle().Which.Should().Contain("AircallFleetOptions.MaxConcurrentSlices must be at least 1 (it is 0)");
    }

    [Fact]
    public async Task A_store_setting_changed_after_AddFleetSync_stops_the_host_instead_of_giving_an_unclustered_scheduler()
    {
        // Quartz's store is built from AddFleetSync's delegate: a connection string configured elsewhere would leave the
        // worker on an in-memory store of its own, sharing nothing with the cluster.
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<ICallStore, InMemoryCallStore>();
        builder.Services.AddAircallCallSync(o => { }).AddFleetSync(o => o.Interval = TimeSpan.FromMinutes(1));
        builder.Services.Configure<AircallFleetOptions>(o =>
        {
            o.ConnectionString = ConnectionString;
            o.SchedulerName = "elsewhere";
        });
        using var host = builder.Build();

        var start = () => host.StartAsync(Ct);

        var failures = (await start.Should().ThrowAsync<OptionsValidationException>()).Which.Failures;
        failures.Should().HaveCount(2);
        failures.Should().Contain(f => f.StartsWith("AircallFleetOptions.ConnectionString was changed after AddFleetSync", StringComparison.Ordinal));
        failures.Should().Contain(f => f.StartsWith("AircallFleetOptions.SchedulerName was changed after AddFleetSync", StringComparison.Ordinal));
        string.Join(" ", failures).Should().NotContain(ConnectionString, "a connection string is never echoed");
    }

    [Fact]
    public void Without_a_call_store_the_fleet_says_what_to_register()
    {
        var services = new ServiceCollection();
        services.AddAircallCallSync(o => { }).AddFleetSync(o => o.ConnectionString = ConnectionString);
        using var provider = services.BuildServiceProvider();

        var resolve = () => provider.GetRequiredService<CallSyncRunner>();

        resolve.Should().Throw<InvalidOperationException>().WithMessage("No ICallStore is registered*");
    }

    private static AircallAccount Account(string id, AircallAccountStatus status, string token) => new()
    {
        AccountId = id,
        Status = status,
        AccessToken = token,
        InstalledAt = DateTimeOffset.UnixEpoch,
        UpdatedAt = DateTimeOffset.UnixEpoch,
    };
}
