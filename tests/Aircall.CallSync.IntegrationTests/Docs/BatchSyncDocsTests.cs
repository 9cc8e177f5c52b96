using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aircall.CallSync.IntegrationTests.Docs;

/// <summary>
/// The examples of docs/batch-sync.md, as written there, against the simulator on 127.0.0.1 (real HTTP, real clock,
/// a compressed rate-limit window): if an example stops compiling or working, this fails.
/// </summary>
public sealed class BatchSyncDocsTests : IAsyncLifetime
{
    private readonly AircallSimulator _simulator = new(new AircallSimulatorOptions
    {
        CallCount = 180,
        Period = TimeSpan.FromDays(20),
        RateLimit = 60,
        RateLimitWindow = TimeSpan.FromSeconds(1),
    });

    private IHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        var address = await _simulator.StartKestrelAsync(Ct);
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aircall:ApiId"] = _simulator.DefaultAccount.ApiId,
            ["Aircall:ApiToken"] = _simulator.DefaultAccount.ApiToken,
            ["Aircall:BaseAddress"] = address.ToString(),
            ["Aircall:RateLimit:PermitLimit"] = "60",
            ["Aircall:RateLimit:Window"] = "00:00:01",
        });

        // From the doc:
        builder.Services.AddAircallCallSync(builder.Configuration);   // Aircall:ApiId / Aircall:ApiToken
        _host = builder.Build();
        await _host.StartAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync(Ct);
        _host.Dispose();
        await _simulator.DisposeAsync();
    }

    [Fact]
    public async Task Every_call_in_a_loop()
    {
        var aircall = _host.Services.GetRequiredService<AircallClient>();
        var lines = new List<string>();

        // From the doc:
        var query = new CallQuery { From = DateTimeOffset.UtcNow.AddDays(-30) };
        await foreach (var call in aircall.GetCallsAsync(query).WithCancellation(Ct))
        {
            lines.Add($"{call.Id} {call.StartedAt:u} missed={call.IsMissed} talk={call.InCallDuration}");
        }

        lines.Should().HaveCount(180);
    }

    [Fact]
    public async Task Pages_and_checkpoints()
    {
        var aircall = _host.Services.GetRequiredService<AircallClient>();
        var query = new CallQuery { From = DateTimeOffset.UtcNow.AddDays(-30) };
        var saved = new List<long>();
        string? stored = null;
        Task<string?> LoadCheckpointAsync() => Task.FromResult(stored);
        Task SaveCallsAsync(IReadOnlyList<Models.Call> calls, DateTimeOffset version)
        {
            saved.AddRange(calls.Select(c => c.Id));
            return Task.CompletedTask;
        }

        Task SaveCheckpointAsync(string token)
        {
            stored = token;
            return Task.CompletedTask;
        }

        // From the doc (run twice: the second run resumes after the last page, so it finds nothing new):
        for (var run = 0; run < 2; run++)
        {
            string? checkpoint = await LoadCheckpointAsync();              // null the first time
            await foreach (var page in aircall.GetCallsAsync(query).AsPages(checkpoint, Ct))
            {
                await SaveCallsAsync(page.Calls, page.Version);            // your database first...
                await SaveCheckpointAsync(page.ContinuationToken);         // ...then the checkpoint
            }
        }

        saved.Should().HaveCount(180).And.OnlyHaveUniqueItems();
    }

    [Fact]
    public async Task Into_the_store_with_the_runner()
    {
        var aircall = _host.Services.GetRequiredService<AircallClient>();
        var myCallStore = new InMemoryCallStore();
        var myCheckpointStore = new InMemoryCheckpointStore();
        var cancellationToken = Ct;
        var output = new StringWriter();

        // From the doc:
        var runner = new CallSyncRunner(store: myCallStore, checkpoints: myCheckpointStore);
        var result = await runner.RunAsync(
            aircall,
            new CallSyncOptions { LookBack = TimeSpan.FromDays(1) },
            new Progress<CallSyncProgress>(p => output.Write($"\r{p.CallsSynced}/{p.EstimatedTotal} calls, waited {p.RateLimitWait:g}")),
            cancellationToken);
        output.WriteLine($"{result.CallsWritten} calls in {result.Pages} pages, {result.Requests} requests, {result.RateLimitedResponses} 429s");

        myCallStore.Count.Should().Be(180);
        result.Pages.Should().Be(4);
        result.Requests.Should().Be(4);
        result.RateLimitedResponses.Should().Be(0);
        (await myCheckpointStore.GetAsync(CallSyncRunner.DefaultCheckpointKey(aircall, CallQuery.All), Ct)).Should().NotBeNullOrEmpty("the run saved where it got to");
    }
}
