// A fleet-sync worker: one of any number of processes that share the sync of every installed Aircall account through a
// clustered Quartz scheduler on one PostgreSQL database (Aircall.CallSync.Quartz). Start as many as you like; kill one
// and the others carry its accounts on from their checkpoints. The accounts are those the partner's app installed into
// the EF Core account store (aircall_accounts), their access tokens protected with ASP.NET Core Data Protection: the
// workers read the app's key ring. Everything comes from configuration (environment variables or --Key=value arguments):
//   ConnectionStrings:Fleet   the PostgreSQL database: Quartz's tables, the accounts, the calls and checkpoints (required)
//   DataProtection:KeysDirectory  the Data Protection key ring shared with the app ("fleet-keys" unless set)
//   DataProtection:ApplicationName  the app's Data Protection application name ("Aircall.CallSync.Samples.Fleet")
//   Aircall:BaseAddress       https://api.aircall.io/ unless set (the tests point it at the simulator on 127.0.0.1)
//   Aircall:RateLimit:*       each account's budget: PermitLimit per Window
//   Fleet:*                   AircallFleetOptions by name (Interval, SliceDuration, SliceRequests, ContinueDelay, ...)
//   Fleet:Worker              a label for this worker in fleet_runs; Fleet:RunLog=true records each slice there
//   dotnet run --project samples/Aircall.CallSync.Samples.Fleet -- --setup --ConnectionStrings:Fleet="Host=...;..."  # tables
//   dotnet run --project samples/Aircall.CallSync.Samples.Fleet -- --ConnectionStrings:Fleet="Host=...;..."          # a worker
// Exit codes: 0 stopped (SIGTERM, Ctrl+C) or set up, 1 failed, 2 bad settings.
using System.Globalization;
using Aircall.CallSync.EntityFrameworkCore;
using Aircall.CallSync.Quartz;
using Aircall.CallSync.Samples.Fleet;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

var setup = args.Contains("--setup");
var builder = Host.CreateApplicationBuilder(args.Where(a => a != "--setup").ToArray());
builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
builder.Logging.AddFilter("Quartz", LogLevel.Warning);
builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);
builder.Logging.AddFilter("Polly", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
var configuration = builder.Configuration;
if (configuration.GetConnectionString("Fleet") is not { Length: > 0 } connectionString)
{
    Console.Error.WriteLine("error: set ConnectionStrings:Fleet to the PostgreSQL database the workers share (Host=...;Database=...;Username=...;Password=...).");
    return 2;
}

var worker = configuration["Fleet:Worker"] ?? $"{Environment.MachineName}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";
var dataSource = NpgsqlDataSource.Create(connectionString);
builder.Services.AddSingleton(dataSource);
builder.Services.AddDbContextFactory<FleetCallsContext>(o => o.UseNpgsql(connectionString));

// The account store keeps access tokens protected: every worker and the app that installs the accounts must share one
// key ring (here a folder; in production a shared store such as PersistKeysToDbContext, with the keys protected at rest).
var keys = Path.GetFullPath(configuration["DataProtection:KeysDirectory"] is { Length: > 0 } keysDirectory ? keysDirectory : "fleet-keys");
builder.Services.AddDataProtection()
    .SetApplicationName(configuration["DataProtection:ApplicationName"] is { Length: > 0 } application ? application : "Aircall.CallSync.Samples.Fleet")
    .PersistKeysToFileSystem(new DirectoryInfo(keys));

// Calls, checkpoints and accounts in the EF Core store; the fleet's jobs on Quartz in the same database.
var fleetSection = configuration.GetSection("Fleet");
builder.Services.AddAircallCallSync(configuration)
    .AddEntityFrameworkCoreStore<FleetCallsContext>()
    .AddFleetSync(options =>
    {
        fleetSection.Bind(options);
        options.ConnectionString = connectionString;
        if (setup)
        {
            options.RunSlices = false; // --setup creates Quartz's tables and the reconcile job, and runs nothing
        }
    });
if (fleetSection.GetValue<bool>("RunLog"))
{
    builder.Services.AddSingleton<IAircallFleetObserver>(new RunLog(dataSource, worker));
}

using var host = builder.Build();
if (setup)
{
    // Once, before the workers start: the call tables (EF Core), the sample's tables, and Quartz's (on the host's start).
    await using (var context = await host.Services.GetRequiredService<IDbContextFactory<FleetCallsContext>>().CreateDbContextAsync())
    {
        // As EnsureCreated, also when the database holds other tables; in production, apply migrations instead.
        await context.Database.EnsureCreatedAsync();
        await using var probe = dataSource.CreateCommand("SELECT to_regclass('aircall_calls') IS NOT NULL");
        if (!(bool)(await probe.ExecuteScalarAsync())!)
        {
            await context.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
        }
    }

    await RunLog.CreateTableAsync(dataSource, CancellationToken.None);

    // The key ring, made once here rather than by every worker at its first start.
    _ = host.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Aircall.CallSync.Samples.Fleet.Setup").Protect("key ring");
    await host.StartAsync();
    await host.StopAsync();
    Console.WriteLine($"Set up: the call, account and Quartz tables are there; the Data Protection keys are in {keys}.");
    return 0;
}

try
{
    await host.StartAsync();
    Console.WriteLine($"Fleet worker {worker} started.");
    await host.WaitForShutdownAsync();
    Console.WriteLine($"Fleet worker {worker} stopped.");
    return 0;
}
catch (Microsoft.Extensions.Options.OptionsValidationException exception)
{
    Console.Error.WriteLine($"error: {string.Join(" ", exception.Failures)}");
    return 2;
}
