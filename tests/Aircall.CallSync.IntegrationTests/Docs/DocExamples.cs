// The C# examples of README.md and docs/*.md, compiled with the tests so that an example that no longer matches the
// SDK breaks the build. DocExamplesTests checks that every example in those files appears here, line for line (blank
// lines and using directives aside). Edit an example here and in its document together. Nothing here is run, except
// the conformance examples (MyCallStoreConformance against the stub store below, and
// SimulatorExamples.MyCallStoreConformanceTests against InMemoryCallStore), which xunit finds as test classes.
#pragma warning disable CA1812, CA1822, CA1849, CA2007, CA1062, CA1307, CA1305, CA1031, IDE0059, xUnit1051
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Aircall.CallSync.Api;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Aircall.CallSync.Testing;
using Aircall.CallSync.Testing.Xunit;
using Aircall.CallSync.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aircall.CallSync.IntegrationTests.Docs;

public static class ReadmeExamples
{
    public static async Task BatchSyncIn20Lines(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddAircallCallSync(builder.Configuration);      // Aircall:ApiId + Aircall:ApiToken
        using var host = builder.Build();
        await host.StartAsync();                                         // validates the settings
        var client = host.Services.GetRequiredService<AircallClient>();

        var runner = new CallSyncRunner(new MyCallStore(), new MyCheckpointStore()); // your database
        var result = await runner.RunAsync(client);                      // every call, past the 10,000 cap, resumable
        Console.WriteLine($"{result.CallsWritten} calls, {result.Requests} requests, {result.RateLimitedResponses} 429s");

        // Or enumerate the calls yourself, 50 per request, inside the rate limit:
        await foreach (var call in client.GetCallsAsync(new CallQuery { From = DateTimeOffset.UtcNow.AddDays(-7) }))
        {
            Console.WriteLine($"{call.Id} {call.Direction} missed={call.IsMissed} talk={call.InCallDuration}");
        }
    }

    public static void WebhooksIn20Lines(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton<ICallStore, MyCallStore>();      // your database; InMemoryCallStore to try it
        builder.Services.AddAircallCallSync(builder.Configuration)      // section "Aircall"
            .AddWebhooks();                                             // Aircall:WebhookToken = the webhook's token
        var app = builder.Build();
        app.MapAircallWebhook("/aircall/webhook");                      // 200 once stored; 401, 400, 413; 503 so Aircall retries
        app.Run();
    }
}

public static class GettingStartedExamples
{
    public static async Task OneAccount(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddAircallCallSync(builder.Configuration); // reads the "Aircall" section
        using var host = builder.Build();
        await host.StartAsync(); // options are validated here, with messages that name the setting to fix

        var aircall = host.Services.GetRequiredService<AircallClient>();
        await aircall.Ping.PingAsync();                       // throws AircallAuthenticationException on bad credentials

        var query = new CallQuery { From = DateTimeOffset.UtcNow.AddDays(-1), FetchContact = true };
        await foreach (var call in aircall.GetCallsAsync(query))
        {
            Console.WriteLine($"{call.Id} {call.Direction} missed={call.IsMissed} talk={call.InCallDuration}");
        }
    }

    public static async Task SyncEveryCall(AircallClient aircall, ICallStore store, ICheckpointStore checkpoints)
    {
        var runner = new CallSyncRunner(store, checkpoints);      // your ICallStore and ICheckpointStore
        var result = await runner.RunAsync(aircall, new CallSyncOptions
        {
            Query = new CallQuery { From = DateTimeOffset.UtcNow.AddMonths(-3) },
        });
        Console.WriteLine($"{result.CallsWritten} calls in {result.Pages} pages ({result.Requests} requests)");
    }

    public static void ManyAccounts(IHost host, string tokenFromYourDatabase)
    {
        var factory = host.Services.GetRequiredService<IAircallClientFactory>();
        var client = factory.CreateClient(AircallCredentials.Bearer(tokenFromYourDatabase));
    }

    public static void CredentialProvider(HostApplicationBuilder builder)
    {
        builder.Services.AddAircallCallSync(builder.Configuration)
            .AddCredentialProvider<MyTokenStore>();
    }

    public static void ClientPerAccount(IAircallClientFactory factory)
    {
        var client = factory.CreateClient("customer-42");
    }
}

public sealed class MyTokenStore(MyDbContext db) : IAircallCredentialProvider
{
    public async ValueTask<AircallCredentials> GetCredentialsAsync(string accountId, CancellationToken cancellationToken)
        => AircallCredentials.Bearer(await db.GetAircallTokenAsync(accountId, cancellationToken));
}

public static class WebhookExamples
{
    public static void AspNetCore(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddSingleton<ICallStore, MyCallStore>();          // your database (see call-store.md)
        builder.Services.AddAircallCallSync(builder.Configuration)          // section "Aircall"
            .AddWebhooks();                                                 // Aircall:WebhookToken or Aircall:WebhookTokens
        var app = builder.Build();
        app.MapAircallWebhook("/aircall/webhook");
        app.Run();
    }

    public static async Task<IActionResult> AnyOtherHost(ICallStore store, string webhookToken, byte[] requestBodyBytes, CancellationToken cancellationToken)
    {
        var processor = new AircallWebhookProcessor(store, new StaticWebhookTokenResolver([webhookToken]));
        WebhookProcessingResult result = await processor.ProcessAsync(requestBodyBytes, cancellationToken);
        return new StatusCodeResult(result.StatusCode); // 200, 400, 401 or 503
    }

    public static async Task Ensure(AircallClient aircall)
    {
        var webhook = await aircall.Webhooks.EnsureWebhookAsync(new Uri("https://example.com/aircall/webhook"));
        // Store webhook.Token as Aircall:WebhookToken (a secret).
    }

    public static void MultiTenant(WebApplicationBuilder builder)
    {
        builder.Services.AddAircallCallSync(builder.Configuration)
            .AddWebhooks()
            .AddWebhookTokenResolver<MyTenantTokens>();
    }
}

public sealed class MyTenantTokens(ITenantRepository tenants) : IWebhookTokenResolver
{
    public async ValueTask<WebhookTokenMatch?> ResolveAsync(string token, CancellationToken cancellationToken)
        => await tenants.FindByWebhookTokenAsync(token, cancellationToken) is { } tenant ? new WebhookTokenMatch(tenant.Id) : null;
}

public static class ConfigurationExamples
{
    public static void Pipeline(IServiceCollection services, Uri simulatorAddress, HttpMessageHandler simulatorHandler)
    {
        services.AddAircallCallSync(o => o.BaseAddress = simulatorAddress)
            .HttpClient.ConfigurePrimaryHttpMessageHandler(() => simulatorHandler);
    }

    public static void Telemetry()
    {
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == AircallDiagnostics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, state) => Console.WriteLine($"{instrument.Name} +{value}"));
        listener.Start();
    }
}

public static class SimulatorExamples
{
    public static async Task InMemory()
    {
        await using var sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 500, Seed = 7 });

        var services = new ServiceCollection();
        services.AddAircallCallSync(o =>
        {
            o.ApiId = sim.DefaultAccount.ApiId;        // "sim-api-id"
            o.ApiToken = sim.DefaultAccount.ApiToken;  // "sim-api-token"
            o.BaseAddress = sim.BaseAddress;           // http://localhost/
        }).HttpClient.ConfigurePrimaryHttpMessageHandler(() => sim.CreateHandler());
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<AircallClient>();

        var calls = 0;
        await foreach (var call in client.GetCallsAsync())
        {
            calls++;
        }

        Console.WriteLine($"{calls} calls, {sim.Requests.Count} requests"); // 500 calls, 10 requests
    }

    public static async Task OverHttp()
    {
        await using var sim = new AircallSimulator(new() { CallCount = 100_000 });
        Uri address = await sim.StartKestrelAsync();   // http://127.0.0.1:<free port>/ ; Options.Port picks a fixed one
        var services = new ServiceCollection();
        services.AddAircallCallSync(o => { o.BaseAddress = address; o.ApiId = "sim-api-id"; o.ApiToken = "sim-api-token"; });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<AircallClient>();
        Console.WriteLine((await client.Ping.PingAsync()).Ping); // pong, over a socket
    }

    public static async Task CompressedWindow()
    {
        await using var sim = new AircallSimulator(new() { CallCount = 12_345, RateLimit = 60, RateLimitWindow = TimeSpan.FromSeconds(1) });
        Uri address = await sim.StartKestrelAsync();
        var services = new ServiceCollection();
        services.AddAircallCallSync(o =>
        {
            o.BaseAddress = address;
            o.ApiId = sim.DefaultAccount.ApiId;
            o.ApiToken = sim.DefaultAccount.ApiToken;
            o.RateLimit.PermitLimit = 60;
            o.RateLimit.Window = TimeSpan.FromSeconds(1); // the same compressed window on both sides
        });
    }

    public static async Task WireFaults()
    {
        await using var sim = new AircallSimulator();
        sim.Faults.StallBodyNext(1, 200, "/v1/calls");                       // headers + 200 bytes, then nothing
        sim.Faults.ResetFarAheadNext(1, TimeSpan.FromDays(1));                // 429, X-AircallApi-Reset a day ahead
        sim.Faults.ResetFarAheadNext(1, TimeSpan.FromDays(27_000), tooManyRequests: false); // 200, Remaining 0, reset ~2100
        sim.Faults.SkewDateNext(5, TimeSpan.FromMinutes(-7));                 // Date (and reset) from a clock 7 minutes slow
    }

    public static async Task ConformanceWithoutATestFramework()
    {
        var probe = new MyCallStoreProbe();
        await CallStoreConformance.RunAllAsync(probe);                           // every rule, in one go
        await CallStoreConformance.OlderVersionNeverOverwritesNewerAsync(probe); // or one rule per test
        Console.WriteLine("The store passes the ICallStore conformance kit.");
    }

    // What the kit needs: a fresh store, and a way to read a call back. Replace InMemoryCallStore with your store.
    public sealed class MyCallStoreProbe : ICallStoreProbe
    {
        public Task<ICallStore> CreateStoreAsync() => Task.FromResult<ICallStore>(new InMemoryCallStore());

        public Task<StoredCall?> FindAsync(ICallStore store, string? accountId, long callId)
            => Task.FromResult(((InMemoryCallStore)store).Find(accountId, callId));
    }

    // Replace InMemoryCallStore with your store, on a fresh database (or schema, or table) per CreateStoreAsync.
    public sealed class MyCallStoreConformanceTests : CallStoreConformanceTests
    {
        protected override Task<ICallStore> CreateStoreAsync() => Task.FromResult<ICallStore>(new InMemoryCallStore());

        protected override Task<StoredCall?> FindAsync(ICallStore store, string? accountId, long callId)
            => Task.FromResult(((InMemoryCallStore)store).Find(accountId, callId));
    }
}

public static class RateLimitExamples
{
    public static void OneCompany(IAircallClientFactory factory, string apiId, string apiToken, string accessToken)
    {
        var apiKey = AircallCredentials.Basic(apiId, apiToken).WithAccountId("acme");
        var oauth = AircallCredentials.Bearer(accessToken).WithAccountId("acme");
        AircallClient reporting = factory.CreateClient(apiKey);
        AircallClient partner = factory.CreateClient(oauth);   // same company, same budget as reporting
    }
}

public static class BatchSyncExamples
{
    public static async Task EveryCallInALoop(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(args);
        builder.Services.AddAircallCallSync(builder.Configuration);   // Aircall:ApiId / Aircall:ApiToken
        using var host = builder.Build();
        var aircall = host.Services.GetRequiredService<AircallClient>();

        var query = new CallQuery { From = DateTimeOffset.UtcNow.AddDays(-30) };
        await foreach (var call in aircall.GetCallsAsync(query))
        {
            Console.WriteLine($"{call.Id} {call.StartedAt:u} missed={call.IsMissed} talk={call.InCallDuration}");
        }
    }

    public static async Task PagesAndCheckpoints(AircallClient aircall, CallQuery query)
    {
        string? checkpoint = await LoadCheckpointAsync();              // null the first time
        await foreach (var page in aircall.GetCallsAsync(query).AsPages(checkpoint))
        {
            await SaveCallsAsync(page.Calls, page.Version);            // your database first...
            await SaveCheckpointAsync(page.ContinuationToken);         // ...then the checkpoint
        }
    }

    public static async Task Runner(AircallClient aircall, ICallStore myCallStore, ICheckpointStore myCheckpointStore, CancellationToken cancellationToken)
    {
        var runner = new CallSyncRunner(store: myCallStore, checkpoints: myCheckpointStore);
        var result = await runner.RunAsync(
            aircall,
            new CallSyncOptions { LookBack = TimeSpan.FromDays(1) },
            new Progress<CallSyncProgress>(p => Console.Write($"\r{p.CallsSynced}/{p.EstimatedTotal} calls, waited {p.RateLimitWait:g}")),
            cancellationToken);
        Console.WriteLine($"{result.CallsWritten} calls in {result.Pages} pages, {result.Requests} requests, {result.RateLimitedResponses} 429s");
    }

    public static void Periodic(HostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ICallStore, MyCallStore>();
        builder.Services.AddSingleton<ICheckpointStore, MyCheckpointStore>();   // else every restart syncs everything again
        builder.Services.AddAircallCallSync(builder.Configuration)
            .AddBatchSync(o => o.Interval = TimeSpan.FromMinutes(15));
    }

    private static Task<string?> LoadCheckpointAsync() => Task.FromResult<string?>(null);

    private static Task SaveCallsAsync(IReadOnlyList<Models.Call> calls, DateTimeOffset version) => Task.CompletedTask;

    private static Task SaveCheckpointAsync(string token) => Task.CompletedTask;
}

public sealed class MyCallStoreConformance : CallStoreConformanceTests
{
    protected override Task<ICallStore> CreateStoreAsync()
        => Task.FromResult<ICallStore>(new MyCallStore(TestDatabases.CreateEmpty())); // a fresh database per test

    protected override Task<StoredCall?> FindAsync(ICallStore store, string? accountId, long callId)
        => ((MyCallStore)store).FindAsync(accountId, callId); // that account's call (id, status, duration), version, account
}

public sealed class MyCheckpointStore : ICheckpointStore
{
    private readonly ConcurrentDictionary<string, string> _rows = new(); // a table (key PRIMARY KEY, checkpoint TEXT)

    public ValueTask<string?> GetAsync(string key, CancellationToken cancellationToken)
        => ValueTask.FromResult(_rows.TryGetValue(key, out var checkpoint) ? checkpoint : null);

    public ValueTask SetAsync(string key, string checkpoint, CancellationToken cancellationToken)
    {
        _rows[key] = checkpoint; // an upsert; return once it is durable
        return ValueTask.CompletedTask;
    }
}

/// <summary>The shape of the interface as docs/call-store.md shows it (the real one is Aircall.CallSync.Storage.ICallStore).</summary>
public static class CallStoreShape
{
    public interface ICallStore
    {
        ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken);
        ValueTask<int> UpsertManyAsync(IReadOnlyList<CallWrite> writes, CancellationToken cancellationToken); // default: one by one
    }
}

// Stand-ins for the reader's own types that the examples name.

/// <summary>A "database" for the examples: the in-memory reference store.</summary>
public sealed class MyCallStore : ICallStore
{
    private readonly InMemoryCallStore _inner = new();

    public MyCallStore()
    {
    }

    public MyCallStore(string database) => Database = database;

    public string? Database { get; }

    public ValueTask<bool> UpsertAsync(CallWrite write, CancellationToken cancellationToken) => _inner.UpsertAsync(write, cancellationToken);

    public Task<StoredCall?> FindAsync(string? accountId, long callId) => Task.FromResult(_inner.Find(accountId, callId));
}

public static class TestDatabases
{
    public static string CreateEmpty() => Guid.NewGuid().ToString("N");
}

public sealed class MyDbContext
{
    public Task<string> GetAircallTokenAsync(string accountId, CancellationToken cancellationToken) => Task.FromResult("token-of-" + accountId);
}

public sealed record Tenant(string Id);

public interface ITenantRepository
{
    Task<Tenant?> FindByWebhookTokenAsync(string token, CancellationToken cancellationToken);
}
