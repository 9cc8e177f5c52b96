// Syncs every call of an Aircall account into a database (SQLite, or PostgreSQL by its connection string) with a progress
// bar, resuming from its checkpoint when run again. Without credentials it runs a demo against the Aircall simulator on
// 127.0.0.1 (into batch-demo.db).
//   dotnet run --project samples/Aircall.CallSync.Samples.Batch                      # demo
//   Aircall__ApiId=... Aircall__ApiToken=... dotnet run --project samples/Aircall.CallSync.Samples.Batch -- --from 2026-01-01
// Exit codes: 0 done, 1 failed (one line on stderr says why), 2 bad command line or settings, 130 stopped by Ctrl+C.
// The plumbing both samples share (command line, demo mode, start-up checks, error lines) is in Samples.Common.
using System.Globalization;
using Aircall.CallSync;
using Aircall.CallSync.Samples.Batch;
using Aircall.CallSync.Samples.Common;
using Aircall.CallSync.Sync;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

var arguments = BatchArguments.Parse(args);
if (arguments.CommandLine.HelpOrError(BatchArguments.Usage) is { } exitCode)
{
    return exitCode; // --help: 0; an unknown option or a bad value: 2, with the usage on stderr
}

// appsettings.json next to the program, then environment variables (Aircall__ApiId), then the command line.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = arguments.CommandLine.ConfigurationArgs,
    ContentRootPath = AppContext.BaseDirectory,
});
// The progress bar owns the console. Add a logging provider to see the SDK's own log lines: appsettings.json keeps the
// per-request HttpClient and Polly lines at Warning.
builder.Logging.ClearProviders();
builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
var configuration = builder.Configuration;

var demo = arguments.Demo || !DemoMode.HasApiCredentials(configuration);
AircallSimulator? simulator = null;
try
{
    if (demo)
    {
        DemoSettings settings;
        try
        {
            settings = DemoSettings.From(configuration);
        }
        catch (InvalidOperationException exception)
        {
            Console.Error.WriteLine($"error: {exception.Message}");
            return ExitCodes.Usage;
        }

        simulator = new AircallSimulator(new AircallSimulatorOptions
        {
            CallCount = settings.Calls,
            Seed = 42,
            RateLimit = settings.PermitLimit,
            RateLimitWindow = settings.Window,
        });
        var address = await DemoMode.UseSimulatorAsync(configuration, simulator, new Dictionary<string, string?>
        {
            ["Aircall:RateLimit:PermitLimit"] = settings.PermitLimit.ToString(CultureInfo.InvariantCulture),
            ["Aircall:RateLimit:Window"] = settings.Window.ToString("c", CultureInfo.InvariantCulture),
        });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Demo mode (no Aircall credentials configured): an Aircall simulator with {settings.Calls:N0} calls is listening on {address}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Time is compressed: the simulator and the SDK both allow {settings.PermitLimit} requests per {settings.Window.TotalSeconds:0.###} s (Aircall: 60 per minute)."));
        Console.WriteLine("To sync your account instead, set Aircall:ApiId and Aircall:ApiToken (or Aircall:AccessToken); see --help.");
    }

    // ConnectionStrings:Calls: SQLite ("Data Source=calls.db", the default) or PostgreSQL ("Host=...;Database=...").
    using var database = CallsDatabase.Choose(configuration, demo, "batch-demo.db", out var databaseError);
    if (database is null)
    {
        Console.Error.WriteLine($"error: {databaseError}");
        return ExitCodes.Usage;
    }

    builder.Services.AddAircallCallSync(configuration); // binds the "Aircall" section

    using var host = builder.Build();
    if (await SampleHost.StartAsync(host) is { } startFailed) // validates the settings: each problem named, exit code 2
    {
        return startFailed;
    }

    var client = host.Services.GetRequiredService<AircallClient>();
    var options = host.Services.GetRequiredService<IOptions<AircallOptions>>().Value;
    var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
    using var stop = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping); // Ctrl+C, SIGTERM

    // FetchContact: the contact's id and name get columns of their own (the call-logging tutorial's tip).
    var query = new CallQuery { From = arguments.From, To = arguments.To, FetchContact = true };
    // The runner's own key: a run over a given range resumes and continues only runs over the same range.
    var checkpointKey = CallSyncRunner.DefaultCheckpointKey(client, query);

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Syncing {(arguments.From is null && arguments.To is null ? "all calls" : $"calls from {arguments.From?.ToString("u", CultureInfo.InvariantCulture) ?? "the oldest"} to {arguments.To?.ToString("u", CultureInfo.InvariantCulture) ?? "now"}")} from {Safe(options.BaseAddress)} into {database.Name}"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Rate limit: {options.RateLimit.PermitLimit} requests per {options.RateLimit.Window.TotalSeconds:0.###} s. Ctrl+C stops after the last stored page; run again to resume."));

    var display = new SyncDisplay(client);
    try
    {
        if (demo)
        {
            // Warm up (connection, JIT) and let one window pass: the SDK's limiter sizes its margin from measured latency
            // (the time between sending a request and the server counting it), and a cold first request in the compressed
            // demo takes a large share of its window to arrive.
            await client.Ping.PingAsync(stop.Token);
            await Task.Delay(options.RateLimit.Window, stop.Token);
        }

        await database.CreateTablesOnFirstRunAsync(stop.Token); // PostgreSQL: EnsureCreated, for a sample (production: migrations)
        if (await database.Checkpoints.GetAsync(checkpointKey, stop.Token) is not null)
        {
            Console.WriteLine("A checkpoint from an earlier run was found: continuing from it (the rest of an interrupted run, or only what changed since the last one).");
        }

        var runner = new CallSyncRunner(database.Calls, database.Checkpoints);
        var syncOptions = new CallSyncOptions { Query = query, CheckpointKey = checkpointKey };
        var result = await display.RunAsync(progress => runner.RunAsync(client, syncOptions, progress, stop.Token));
        display.PrintSummary(await database.SummarizeAsync(CancellationToken.None), database.Name, result, simulator?.RateLimitedCount);
        Console.WriteLine(result.CallsWritten == 0 && result.Pages <= 1
            ? "Nothing new. Run again later to pick up new calls."
            : "Done. Run the same command again to sync only what is new (with a one-day look-back for late changes).");
        return ExitCodes.Success;
    }
    catch (OperationCanceledException) when (stop.IsCancellationRequested)
    {
        display.PrintSummary(await database.SummarizeAsync(CancellationToken.None), database.Name, null, simulator?.RateLimitedCount);
        Console.Error.WriteLine("Stopped. Every page stored so far is kept with its checkpoint: run the same command again to resume where it stopped.");
        return ExitCodes.Interrupted;
    }
    catch (Exception exception) when (SampleErrors.Describe(exception, database.Sqlite) is { } reason)
    {
        // Credentials rejected, Aircall unreachable at Aircall:BaseAddress, the database locked, ...: one line each.
        Console.Error.WriteLine($"error: {reason}");
        return ExitCodes.Failure;
    }
    finally
    {
        await host.StopAsync(CancellationToken.None);
    }
}
catch (Exception exception) when (SampleErrors.Describe(exception) is { } reason)
{
    Console.Error.WriteLine($"error: {reason}"); // e.g. the database locked while it was opened
    return ExitCodes.Failure;
}
finally
{
    if (simulator is not null)
    {
        await simulator.DisposeAsync();
    }
}

static string Safe(Uri address) => address.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
