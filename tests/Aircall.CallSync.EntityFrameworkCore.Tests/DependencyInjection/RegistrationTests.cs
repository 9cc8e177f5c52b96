using Aircall.CallSync.EntityFrameworkCore.Tests.BadConditions;
using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Aircall.CallSync.EntityFrameworkCore.Tests.BadConditions.DatabaseErrorTests;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.DependencyInjection;

/// <summary><c>AddEntityFrameworkCoreStore&lt;TContext&gt;()</c>: one line makes the user's context the call and checkpoint store.</summary>
public sealed class RegistrationTests() : DatabaseTests(TestProvider.Sqlite)
{
    [Fact]
    public async Task One_line_makes_the_context_the_call_and_checkpoint_store_of_webhooks_and_batch_sync()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddDbContext<CallsContext>(o => o.UseSqlite(Database.ConnectionString));
        builder.Services.AddAircallCallSync(_ => { }).AddBatchSync().AddEntityFrameworkCoreStore<CallsContext>();
        using var host = builder.Build();

        host.Services.GetRequiredService<ICallStore>().Should().BeOfType<EntityFrameworkCoreCallStore<CallsContext>>();
        host.Services.GetRequiredService<ICheckpointStore>().Should().BeOfType<EntityFrameworkCoreCheckpointStore<CallsContext>>(
            "it replaces the in-memory checkpoints AddBatchSync registered first");
        host.Services.GetRequiredService<CallSyncRunner>().Should().NotBeNull();

        // A context per operation, from a scope of its own (AddDbContext registers a scoped context).
        var store = host.Services.GetRequiredService<ICallStore>();
        await Task.WhenAll(Enumerable.Range(1, 20).Select(id => store.UpsertAsync(Call(id), Ct).AsTask()));
        await host.Services.GetRequiredService<ICheckpointStore>().SetAsync("key", "checkpoint", Ct);

        await using var context = Database.CreateDbContext();
        (await context.Set<AircallCall>().CountAsync(Ct)).Should().Be(20);
        (await context.Set<AircallSyncCheckpoint>().SingleAsync(Ct)).Checkpoint.Should().Be("checkpoint");
    }

    [Fact]
    public async Task A_registered_context_factory_is_used()
    {
        var counting = new CountingFactory(Database);
        var services = new ServiceCollection();
        services.AddSingleton<IDbContextFactory<CallsContext>>(counting);
        services.AddAircallCallSync(_ => { }).AddEntityFrameworkCoreStore<CallsContext>();
        await using var provider = services.BuildServiceProvider(validateScopes: true);

        await provider.GetRequiredService<ICallStore>().UpsertManyAsync([Call(1), Call(2)], Ct);
        await provider.GetRequiredService<ICheckpointStore>().GetAsync("key", Ct);

        counting.Created.Should().Be(2, "one context per operation");
    }

    [Fact]
    public async Task The_host_starts_with_a_supported_provider_and_refuses_a_model_without_the_Aircall_tables()
    {
        var good = Host.CreateApplicationBuilder();
        good.Services.AddDbContext<CallsContext>(o => o.UseSqlite(Database.ConnectionString));
        good.Services.AddAircallCallSync(_ => { }).AddEntityFrameworkCoreStore<CallsContext>();
        using (var host = good.Build())
        {
            await host.StartAsync(Ct);
            await host.StopAsync(Ct);
        }

        var bad = Host.CreateApplicationBuilder();
        bad.Services.AddDbContext<SchemaErrorTests.PlainContext>(o => o.UseSqlite(Database.ConnectionString));
        bad.Services.AddAircallCallSync(_ => { }).AddEntityFrameworkCoreStore<SchemaErrorTests.PlainContext>();
        using var refused = bad.Build();
        var error = await refused.Invoking(h => h.StartAsync(Ct)).Should().ThrowAsync<InvalidOperationException>();
        error.Which.Message.Should().Contain("modelBuilder.ApplyAircallCallSync()");
    }

    private sealed class CountingFactory(TestDatabase database) : IDbContextFactory<CallsContext>
    {
        private int _created;

        public int Created => _created;

        public CallsContext CreateDbContext()
        {
            Interlocked.Increment(ref _created);
            return database.CreateDbContext();
        }
    }
}
