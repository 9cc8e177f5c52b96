// A technology partner's app: Aircall companies install it through OAuth, and it keeps every call of every installed
// account in one database (SQLite, or PostgreSQL by its connection string): webhooks as they happen, a backfill when an
// account installs, and an incremental sync of every Active account on an interval. GET / lists the accounts.
//   dotnet run --project samples/Aircall.CallSync.Samples.Partner -- --demo          # 20 simulated companies install it
//   Aircall__OAuth__ClientId=... Aircall__OAuth__ClientSecret=... Aircall__OAuth__RedirectUri=https://.../aircall/oauth/callback \
//     Aircall__Accounts__WebhookUrl=https://.../aircall/webhook dotnet run --project samples/Aircall.CallSync.Samples.Partner
// Exit codes: 0 stopped normally, 1 failed (one line on stderr says why), 2 bad command line or settings.
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.Samples.Common;
using Aircall.CallSync.Samples.Partner;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

var arguments = PartnerArguments.Parse(args);
if (arguments.CommandLine.HelpOrError(PartnerArguments.Usage) is { } exitCode)
{
    return exitCode; // --help: 0; an unknown option or a bad value: 2, with the usage on stderr
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = arguments.CommandLine.ConfigurationArgs,
    ContentRootPath = AppContext.BaseDirectory, // appsettings.json next to the program, wherever it is started from
});
var configuration = builder.Configuration;
var demo = arguments.Demo || string.IsNullOrWhiteSpace(configuration["Aircall:OAuth:ClientId"]);

// ConnectionStrings:Calls: SQLite ("Data Source=partner.db", the default) or PostgreSQL ("Host=...;Database=...").
var database = PartnerDatabase.Choose(configuration, demo, out var databaseError);
if (database is null)
{
    Console.Error.WriteLine($"error: {databaseError}");
    return ExitCodes.Usage;
}

var intervalKey = demo ? "Demo:SyncInterval" : "Partner:SyncInterval";
if (!TimeSpan.TryParse(configuration[intervalKey] ?? "00:05:00", CultureInfo.InvariantCulture, out var syncInterval) || syncInterval <= TimeSpan.Zero)
{
    Console.Error.WriteLine($"error: {intervalKey} must be a positive time span such as 00:05:00.");
    return ExitCodes.Usage;
}

// Demo mode: the simulator must know the app's redirect and install URIs, so the app's address is chosen first.
await using var partnerDemo = demo ? await StartDemoAsync() : null;
if (demo && partnerDemo is null)
{
    return ExitCodes.Failure;
}

// The app's own DbContext holds the Aircall tables (calls, checkpoints, accounts, OAuth states). The accounts' access
// tokens are kept encrypted with ASP.NET Core Data Protection, whose keys live in Partner:KeysDirectory: back that folder
// up with the database (without the keys, the tokens cannot be read and each account must install again).
builder.Services.AddDbContextFactory<PartnerDbContext>(database.Configure);
var keys = Path.GetFullPath(configuration["Partner:KeysDirectory"] is { Length: > 0 } keysDirectory ? keysDirectory : demo ? "partner-demo-keys" : "partner-keys");
builder.Services.AddDataProtection().SetApplicationName("Aircall.CallSync.Samples.Partner").PersistKeysToFileSystem(new DirectoryInfo(keys));

// The SDK for a technology partner: OAuth and the install flow, webhooks resolved to their account by the token's digest,
// each account's credentials from the account store, uninstall on integration.deleted, NeedsReinstall on a revoked
// token, and the first backfill of each installed account. The EF Core package stores all of it in the app's context.
builder.Services.AddAircallCallSync(configuration) // Aircall:BaseAddress, Aircall:OAuth:*, Aircall:Accounts:*
    .AddEntityFrameworkCoreStore<PartnerDbContext>()
    .AddPartnerAccounts();
builder.Services.AddHostedService(provider => new PeriodicSyncService(
    provider.GetRequiredService<IAircallAccountStore>(), provider.GetRequiredService<IAccountSyncScheduler>(),
    provider.GetRequiredService<TimeProvider>(), syncInterval, provider.GetRequiredService<ILogger<PeriodicSyncService>>()));

var app = builder.Build();
try
{
    app.MapAircallInstall("/aircall/install"); // the install URI; the callback is the path of Aircall:OAuth:RedirectUri
}
catch (OptionsValidationException exception)
{
    foreach (var failure in exception.Failures)
    {
        Console.Error.WriteLine($"error: {failure}"); // e.g. Aircall:OAuth:ClientSecret is missing
    }

    return ExitCodes.Usage;
}

app.MapAircallWebhook("/aircall/webhook");
// The accounts page shows who installed the app: it answers this machine only (put your own sign-in in front of it).
var demoState = partnerDemo?.State;
app.MapGet("/", (HttpContext context, IAircallAccountStore accounts, IDbContextFactory<PartnerDbContext> contexts) =>
    IsLocal(context)
        ? AccountsPage.RenderAsync(accounts, contexts, demoState, context.RequestAborted)
        : Task.FromResult(Results.Text("The accounts page answers requests from this machine only.\n", statusCode: StatusCodes.Status403Forbidden)));

try
{
    await database.CreateTablesOnFirstRunAsync(app.Services.GetRequiredService<IDbContextFactory<PartnerDbContext>>(), CancellationToken.None);
}
catch (Exception exception) when (SampleErrors.Describe(exception) is { } reason)
{
    Console.Error.WriteLine($"error: {reason}"); // e.g. PostgreSQL is down
    return ExitCodes.Failure;
}

if (await SampleHost.StartAsync(app) is { } startFailed) // validates the settings (exit code 2), listens (exit code 1)
{
    return startFailed;
}

var listening = ListeningAddress(app);
Console.WriteLine($"Listening on {listening}: install URI {PartnerDemo.Install(listening)}, webhooks {new Uri(listening, "aircall/webhook")}; data goes to {database.Name}.");
Console.WriteLine($"Accounts page: {listening}");
if (partnerDemo is not null)
{
    try
    {
        var ok = await partnerDemo.RunAsync(
            listening, app.Services.GetRequiredService<IAircallAccountStore>(), app.Services.GetRequiredService<IDbContextFactory<PartnerDbContext>>(),
            configuration.GetValue("Demo:WebhookCalls", 2), TimeSpan.FromMinutes(2), app.Lifetime.ApplicationStopping);
        if (arguments.DemoExit)
        {
            await app.StopAsync();
            return ok ? ExitCodes.Success : ExitCodes.Failure;
        }

        Console.WriteLine($"Still serving: open {listening} in a browser to see the accounts, or install one again from its link. Ctrl+C stops.");
    }
    catch (Exception exception) when (SampleErrors.Describe(exception) is { } reason || exception is HttpRequestException)
    {
        Console.Error.WriteLine($"error: {SampleErrors.Describe(exception) ?? exception.Message}");
        await app.StopAsync();
        return ExitCodes.Failure;
    }
    catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
    {
        await app.StopAsync();
        return ExitCodes.Success;
    }
}

await app.WaitForShutdownAsync();
return ExitCodes.Success;

async Task<PartnerDemo?> StartDemoAsync()
{
    var address = DemoAddress(configuration["urls"]);
    builder.WebHost.UseUrls(address.ToString());
    var clientId = configuration["Aircall:OAuth:ClientId"] is { Length: > 0 } id ? id : PartnerDemo.DefaultClientId;
    var clientSecret = configuration["Aircall:OAuth:ClientSecret"] is { Length: > 0 } secret ? secret : PartnerDemo.DefaultClientSecret;
    database.DeleteDemoFile(); // the demo's accounts and calls start afresh with its simulator
    PartnerDemo started;
    try
    {
        started = arguments.Simulator is { } standalone
            ? await PartnerDemo.AttachAsync(standalone, CancellationToken.None)
            : await PartnerDemo.StartAsync(address, clientId, clientSecret, configuration.GetValue("Demo:Accounts", 20), configuration.GetValue("Demo:Calls", 120));
    }
    catch (HttpRequestException exception)
    {
        Console.Error.WriteLine($"error: no simulator answers at {arguments.Simulator} ({exception.Message}): start it first (docs/samples.md).");
        return null;
    }

    configuration.AddInMemoryCollection(started.Settings(address, clientId, clientSecret));
    Console.WriteLine(arguments.Simulator is null
        ? $"Demo mode: an Aircall simulator on {started.Simulator} with {started.State.Companies.Count} companies; the app is registered there as OAuth client '{clientId}'."
        : $"Demo mode: the standalone simulator on {started.Simulator} with {started.State.Companies.Count} companies; it must have this app registered as '{clientId}' with redirect URI {PartnerDemo.Callback(address)} and install URI {PartnerDemo.Install(address)}.");
    return started;
}

// --urls (or ASPNETCORE_URLS) when given, else http://127.0.0.1:5090; port 0 picks a free port now, since the simulator
// must be told the exact redirect URI.
static Uri DemoAddress(string? urls)
{
    var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
    var address = new UriBuilder(first is null ? "http://127.0.0.1:5090/" : first.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
    if (address.Host is "0.0.0.0" or "[::]" or "localhost")
    {
        address.Host = "127.0.0.1";
    }

    if (address.Port == 0)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        address.Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    address.Path = "/";
    return address.Uri;
}

static bool IsLocal(HttpContext context) => context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);

static Uri ListeningAddress(WebApplication app)
{
    var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
    if (uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost")
    {
        uri.Host = "127.0.0.1";
    }

    uri.Path = "/";
    return uri.Uri;
}
