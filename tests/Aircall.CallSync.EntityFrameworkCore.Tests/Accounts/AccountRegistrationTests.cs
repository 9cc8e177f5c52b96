using Aircall.CallSync.Storage;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Aircall.CallSync.OAuth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Accounts;

/// <summary><c>AddEntityFrameworkCoreStore&lt;TContext&gt;()</c> gives a partner app every store; its account store needs token protection.</summary>
public sealed class AccountRegistrationTests() : DatabaseTests(TestProvider.Sqlite)
{
    [Fact]
    public async Task One_line_registers_the_account_and_state_stores_replacing_the_in_memory_ones_with_Data_Protection_by_default()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddDbContext<CallsContext>(o => o.UseSqlite(Database.ConnectionString));
        builder.Services.AddSingleton<IAircallAccountStore, InMemoryAircallAccountStore>();
        builder.Services.AddSingleton<IOAuthStateStore, InMemoryOAuthStateStore>();
        builder.Services.AddAircallCallSync(_ => { }).AddEntityFrameworkCoreStore<CallsContext>();
        using var host = builder.Build();
        await host.StartAsync(Ct);

        var accounts = host.Services.GetRequiredService<IAircallAccountStore>();
        accounts.Should().BeOfType<EntityFrameworkCoreAccountStore<CallsContext>>();
        host.Services.GetRequiredService<IOAuthStateStore>().Should().BeOfType<EntityFrameworkCoreOAuthStateStore<CallsContext>>();
        host.Services.GetServices<IAircallAccountStore>().Should().ContainSingle("Replace, not Add");

        await accounts.SaveAsync(AccessTokenProtectionTests.Account("acme", "fake-token-di"), Ct);
        (await accounts.FindAsync("acme", Ct))!.AccessToken.Should().Be("fake-token-di");
        await using var context = Database.CreateDbContext();
        (await context.Set<AircallAccountEntity>().SingleAsync(Ct)).ProtectedAccessToken.Should().NotContain("fake-token-di");
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task A_protector_registered_by_the_user_is_used_instead_of_Data_Protection()
    {
        var protector = new AccessTokenProtectionTests.ReversingProtector();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddSingleton<IAccessTokenProtector>(protector);
        builder.Services.AddDbContext<CallsContext>(o => o.UseSqlite(Database.ConnectionString));
        builder.Services.AddAircallCallSync(_ => { }).AddEntityFrameworkCoreStore<CallsContext>();
        using var host = builder.Build();
        await host.StartAsync(Ct);

        await host.Services.GetRequiredService<IAircallAccountStore>().SaveAsync(AccessTokenProtectionTests.Account("acme", "fake-token-mine"), Ct);

        protector.Protected.Should().Be(1);
        await using var context = Database.CreateDbContext();
        (await context.Set<AircallAccountEntity>().SingleAsync(Ct)).ProtectedAccessToken.Should().StartWith("reversed:");
        await host.StopAsync(Ct);
    }

    [Fact]
    public async Task Without_Data_Protection_or_a_protector_a_single_account_host_starts_but_the_account_store_refuses_and_says_how_to_fix_it()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDbContext<CallsContext>(o => o.UseSqlite(Database.ConnectionString));
        builder.Services.AddAircallCallSync(_ => { }).AddEntityFrameworkCoreStore<CallsContext>();
        using var host = builder.Build();

        await host.StartAsync(Ct); // batch sync and webhooks of one account never touch access tokens
        host.Services.GetRequiredService<ICallStore>().Should().NotBeNull();
        var error = host.Services.Invoking(s => s.GetRequiredService<IAircallAccountStore>()).Should().Throw<InvalidOperationException>().Which;
        error.Message.Should().Contain("services.AddDataProtection()").And.Contain("PersistKeysTo").And.Contain("IAccessTokenProtector").And.Contain("all instances");
        await host.StopAsync(Ct);
    }
}
