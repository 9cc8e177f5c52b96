using System.Globalization;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.IntegrationTests.Samples;
using Aircall.CallSync.Quartz;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Aircall.CallSync.IntegrationTests.Fleet;

/// <summary>
/// One fleet worker in the test process, as a partner's worker registers it (<c>AddAircallCallSync(...).AddFleetSync(...)</c>):
/// a real clustered Quartz scheduler on its own PostgreSQL schema (named after it: <see cref="SamplePostgresSchema"/>),
/// advisory locks on the same server, requests to the simulator on Kestrel at 127.0.0.1 with a compressed rate-limit window,
/// calls in an <see cref="InMemoryCallStore"/>. Every slice is recorded (<see cref="Slices"/>), every fleet log entry kept
/// (<see cref="Log"/>).
/// </summary>
internal sealed class FleetWorker : IAsyncDisposable
{
    public const int PermitLimit = 20;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(1);
    public const string ClientId = "fleet-failure-tests";

    private readonly IHost _host;
    private bool _stopped;

    private FleetWorker(IHost host, InMemoryCallStore calls, SliceLog slices, FleetLogCapture log, AircallFleetOptions options)
    {
        _host = host;
        Calls = calls;
        Slices = slices;
        Log = log;
        Options = options;
    }

    public InMemoryCallStore Calls { get; }

    public SliceLog Slices { get; }

    public FleetLogCapture Log { get; }

    /// <summary>The settings the worker runs with.</summary>
    public AircallFleetOptions Options { get; }

    public AircallFleet Fleet => _host.Services.GetRequiredService<AircallFleet>();

    public async Task<IScheduler> SchedulerAsync() => await Fleet.SchedulerAsync(TestContext.Current.CancellationToken);

    /// <summary>The options every test starts from: short intervals, small slices; a caught-up account is not due again during a test.</summary>
    public static void Defaults(AircallFleetOptions options, SamplePostgresSchema schema)
    {
        options.ConnectionString = schema.ConnectionString;
        options.SchedulerName = schema.Schema;
        options.Interval = TimeSpan.FromMinutes(10);
        options.SliceRequests = 4;
        options.SliceDuration = TimeSpan.FromSeconds(20);
        options.ContinueDelay = TimeSpan.FromMilliseconds(50);
        options.InitialBackoff = TimeSpan.FromMilliseconds(300);
        options.MaxBackoff = TimeSpan.FromSeconds(5);
        options.ReconcileInterval = TimeSpan.FromSeconds(1);
        options.CheckinInterval = TimeSpan.FromSeconds(2);
        options.CheckinMisfireThreshold = TimeSpan.FromSeconds(4);
        options.LockCheckInterval = TimeSpan.FromSeconds(1);
        options.MaxConcurrentSlices = 4;
    }

    public static async Task<FleetWorker> StartAsync(SamplePostgresSchema schema, Uri simulator, IAircallAccountStore accounts, Action<AircallFleetOptions>? configure = null)
    {
        var calls = new InMemoryCallStore();
        var slices = new SliceLog();
        var log = new FleetLogCapture();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(log);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Aircall.CallSync.Quartz", LogLevel.Debug);
        builder.Services.AddSingleton<ICallStore>(calls);
        builder.Services.AddSingleton(accounts);
        builder.Services.AddSingleton<IAircallFleetObserver>(slices);
        var options = new AircallFleetOptions();
        Defaults(options, schema);
        configure?.Invoke(options);
        builder.Services.AddAircallCallSync(o =>
            {
                o.BaseAddress = simulator;
                o.RateLimit.PermitLimit = PermitLimit;
                o.RateLimit.Window = Window;
                // One quick retry: a failed slice takes milliseconds, not the minute of the default six.
                o.Resilience.MaxRetryAttempts = 1;
                o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(20);
                o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(10);
            })
            .AddFleetSync(o =>
            {
                Defaults(o, schema);
                configure?.Invoke(o);
            });
        var host = builder.Build();
        try
        {
            await host.StartAsync(TestContext.Current.CancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new FleetWorker(host, calls, slices, log, options);
    }

    /// <summary>Adds an account to the simulator and installs it in <paramref name="accounts"/> (Active, with an OAuth token of its own).</summary>
    public static async Task<(SimulatedAccount Account, string Token)> InstallAsync(AircallSimulator sim, IAircallAccountStore accounts, string accountId, int calls, DateTimeOffset? nextSyncAt = null)
    {
        if (sim.OAuth.Apps.Count == 0)
        {
            sim.OAuth.RegisterApp(ClientId, "fleet-failure-tests-secret-not-a-secret", new Uri("http://127.0.0.1/oauth/callback"), new Uri("http://127.0.0.1/install"));
        }

        var account = sim.AddAccount($"{accountId}-api-id", $"{accountId}-api-token", calls);
        var token = sim.OAuth.IssueToken(account.CompanyId, ClientId);
        var now = DateTimeOffset.UtcNow;
        await accounts.SaveAsync(new AircallAccount
        {
            AccountId = accountId,
            CompanyId = account.CompanyId,
            Name = accountId,
            Status = AircallAccountStatus.Active,
            AccessToken = token,
            InstalledAt = now,
            UpdatedAt = now,
            NextSyncAt = nextSyncAt,
        }, TestContext.Current.CancellationToken);
        return (account, token);
    }

    /// <summary>The ids of the account's calls in the call store.</summary>
    public HashSet<long> StoredCallIds(string accountId) =>
        Calls.Calls.Where(c => string.Equals(c.AccountId, accountId, StringComparison.Ordinal)).Select(c => c.Call.Id).ToHashSet();

    /// <summary>Whether every call of the simulated account is stored under <paramref name="accountId"/>.</summary>
    public bool HasAllCalls(string accountId, SimulatedAccount account) => StoredCallIds(accountId).SetEquals(account.EnumerateCalls().Select(c => c.Id));

    public async Task<bool> HasJobAsync(string accountId) =>
        await (await SchedulerAsync()).Exists(FleetKeys.JobOf(accountId), TestContext.Current.CancellationToken);

    /// <summary>Polls <paramref name="condition"/> until it holds; fails with <paramref name="progress"/> and the fleet's warnings after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string> progress)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        while (!await condition())
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(string.Create(CultureInfo.InvariantCulture,
                    $"Not reached within {timeout.TotalSeconds} s: {progress()}\nSlices:\n{Slices.Describe()}\nFleet log:\n{string.Join('\n', Log.Entries.Select(e => e.ToString()))}"));
            }
        }
    }

    public Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, Func<string> progress) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, progress);

    /// <summary>Stops the worker (running slices checkpoint and end); the recorded slices and log stay readable.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await _host.StopAsync(CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync(); // the account locks' data source is disposed asynchronously
        }
        else
        {
            _host.Dispose();
        }
    }
}
