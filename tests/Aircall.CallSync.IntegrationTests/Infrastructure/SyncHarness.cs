using Aircall.CallSync.Http;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.IntegrationTests.Infrastructure;

/// <summary>
/// The SDK wired through its real DI registration and HTTP pipeline (resilience, rate limiter, telemetry) to an
/// in-memory simulator, everything on one <see cref="ManualClock"/>.
/// </summary>
internal sealed class SyncHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private SyncHarness(ManualClock clock, AircallSimulator simulator, ServiceProvider provider, PipelineActivity activity)
    {
        Activity = activity;
        Clock = clock;
        Simulator = simulator;
        Provider = provider;
        Limiters = provider.GetRequiredService<RateLimiterRegistry>();
    }

    public ManualClock Clock { get; }

    public AircallSimulator Simulator { get; }

    public ServiceProvider Provider { get; }

    public RateLimiterRegistry Limiters { get; }

    /// <summary>The requests in the SDK's pipeline, as its observer sees them.</summary>
    public PipelineActivity Activity { get; }

    public AircallClient Client => Provider.GetRequiredService<AircallClient>();

    public IAircallClientFactory Factory => Provider.GetRequiredService<IAircallClientFactory>();

    /// <summary>Creates the simulator (its clock and period end set here) and the SDK pointed at it.</summary>
    public static SyncHarness Create(Action<AircallSimulatorOptions>? simulator = null, Action<AircallOptions>? sdk = null, Action<AircallCallSyncBuilder>? services = null)
    {
        var clock = new ManualClock(Start);
        var options = new AircallSimulatorOptions { TimeProvider = clock, PeriodEnd = Start, CallCount = 0 };
        simulator?.Invoke(options);
        var sim = new AircallSimulator(options);
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(clock);
        var activity = new PipelineActivity(clock);
        collection.AddSingleton<IRequestPipelineObserver>(activity);
        var builder = collection.AddAircallCallSync(o =>
        {
            o.ApiId = sim.DefaultAccount.ApiId;
            o.ApiToken = sim.DefaultAccount.ApiToken;
            o.BaseAddress = sim.BaseAddress;
            o.RateLimit.PermitLimit = options.RateLimit > 0 ? options.RateLimit : 60;
            o.RateLimit.Window = options.RateLimitWindow;
            sdk?.Invoke(o);
        });
        builder.HttpClient.ConfigurePrimaryHttpMessageHandler(() => sim.CreateHandler());
        services?.Invoke(builder);
        return new SyncHarness(clock, sim, collection.BuildServiceProvider(validateScopes: true), activity);
    }

    /// <summary>Runs <paramref name="work"/> in virtual time: time jumps ahead whenever no request is on its way.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> work, TimeSpan? limit = null)
        => VirtualTime.RunAsync(Clock, Task.Run(work), IsBusy, limit);

    public Task RunAsync(Func<Task> work, TimeSpan? limit = null)
        => VirtualTime.RunAsync(Clock, Task.Run(work), IsBusy, limit);

    /// <summary>
    /// Whether time must not move now: a request is on its way, or one that waits has not armed its timer yet (the next
    /// timer is later than its wake-up).
    /// </summary>
    public bool IsBusy()
    {
        if (Activity.IsBusy(Limiters, out var wakeIn))
        {
            return true;
        }

        return wakeIn is { } wake && (Clock.NextDue() is not { } due || due - Clock.GetUtcNow() > wake);
    }

    /// <summary>The ids an enumeration returns, in order.</summary>
    public static async Task<List<long>> CollectIdsAsync(Aircall.CallSync.CallPageable pageable)
    {
        var ids = new List<long>();
        await foreach (var call in pageable.WithCancellation(TestContext.Current.CancellationToken))
        {
            ids.Add(call.Id);
        }

        return ids;
    }

    /// <summary>Every call id of the default account, in creation order.</summary>
    public List<long> AllIds() => [.. Simulator.DefaultAccount.EnumerateCalls().Select(c => c.Id)];

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
