// A fleet-sync worker: one of any number of processes that share the sync of every installed Aircall account through a
// clustered Quartz scheduler on one PostgreSQL database (Aircall.CallSync.Quartz). Start as many as you like; kill one
// and the others carry its accounts on from their checkpoints. Everything comes from configuration (environment
// variables or --Key=value arguments):
//   ConnectionStrings:Fleet   the PostgreSQL database: Quartz's tables, the accounts, the calls and checkpoints (required)
//   Aircall:BaseAddress       https://api.aircall.io/ unless set (the tests point it at the simulator on 127.0.0.1)
//   Aircall:RateLimit:*       each account's budget: PermitLimit per Window
//   Fleet:*                   AircallFleetOptions by name (Interval, SliceDuration, SliceRequests, ContinueDelay, ...)
//   Fleet:Worker              a label for this worker in fleet_runs; Fleet:RunLog=true records each slice there
//   dotnet run --project samples/Aircall.CallSync.Samples.Fleet -- --setup --ConnectionStrings:Fleet="Host=...;..."  # tables
//   dotnet run --project samples/Aircall.CallSync.Samples.Fleet -- --ConnectionStrings:Fleet="Host=...;..."          # a worker
// Exit codes: 0 stopped (SIGTERM, Ctrl+C) or set up, 1 failed, 2 bad settings.
using System.Globalization;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.EntityFrameworkCore;
using Aircall.CallSync.Quartz;
using Aircall.CallSync.Samples.Fleet;
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
var accounts = new StandInAccountStore(dataSource);
builder.Services.AddSingleton(dataSource);
builder.Services.AddSingleton<IAircallAccountStore>(accounts);
builder.Services.AddDbContextFactory<FleetCallsContext>(o => o.UseNpgsql(connectionString));
var fleetSection = configuration.GetSection("Fleet");
builder.Services.AddAircallCallSync(configuration)
    .AddEntityFrameworkCoreStore<FleetCallsContext>()
    .AddFleetSync(options =>
    {
        fleetSection.Bind(options);
        options.ConnectionString = connectionString;
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
        try
        {
            await context.Set<AircallCall>().AnyAsync();
        }
        catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            await context.GetService<IRelationalDatabaseCreator>().CreateTablesAsync();
        }
    }

    await accounts.CreateTableAsync(CancellationToken.None);
    await RunLog.CreateTableAsync(dataSource, CancellationToken.None);
    await host.StartAsync();
    await host.StopAsync();
    Console.WriteLine("Set up: the call, account and Quartz tables are there.");
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
