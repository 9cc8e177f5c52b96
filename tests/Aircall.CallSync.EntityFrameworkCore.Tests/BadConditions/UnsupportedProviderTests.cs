using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Aircall.CallSync.EntityFrameworkCore.Tests.BadConditions.DatabaseErrorTests;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.BadConditions;

/// <summary>A provider other than Npgsql and SQLite is refused with the names of the supported ones: at start-up, and at first use.</summary>
public sealed class UnsupportedProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Every_operation_refuses_another_provider_naming_the_supported_ones()
    {
        var options = new DbContextOptionsBuilder<CallsContext>().UseInMemoryDatabase("aircall-unsupported").Options;
        var contexts = new InMemoryFactory(options);

        foreach (var operation in Operations(new EntityFrameworkCoreCallStore<CallsContext>(contexts), new EntityFrameworkCoreCheckpointStore<CallsContext>(contexts)))
        {
            var error = await operation.Should().ThrowAsync<NotSupportedException>();
            error.Which.Message.Should().Contain("supports PostgreSQL (Npgsql.EntityFrameworkCore.PostgreSQL) and SQLite (Microsoft.EntityFrameworkCore.Sqlite)")
                .And.Contain("CallsContext uses 'Microsoft.EntityFrameworkCore.InMemory'");
        }
    }

    [Fact]
    public async Task The_host_does_not_start_with_another_provider()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDbContext<CallsContext>(o => o.UseInMemoryDatabase("aircall-unsupported-host"));
        builder.Services.AddAircallCallSync(_ => { }).AddEntityFrameworkCoreStore<CallsContext>();
        using var host = builder.Build();

        var error = await host.Invoking(h => h.StartAsync(Ct)).Should().ThrowAsync<NotSupportedException>();

        error.Which.Message.Should().Contain("Npgsql.EntityFrameworkCore.PostgreSQL").And.Contain("Microsoft.EntityFrameworkCore.Sqlite");
    }

    private sealed class InMemoryFactory(DbContextOptions<CallsContext> options) : IDbContextFactory<CallsContext>
    {
        public CallsContext CreateDbContext() => new(options);
    }
}
