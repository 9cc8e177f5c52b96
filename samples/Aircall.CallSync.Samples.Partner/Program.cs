// A technology partner's app: Aircall companies install it through OAuth, and it keeps every call of every installed
// account in one database (SQLite, or PostgreSQL by its connection string): webhooks as they happen, a backfill when an
// account installs, and an incremental sync of every Active account on an interval. GET / lists the accounts.
//   dotnet run --project samples/Aircall.CallSync.Samples.Partner -- --demo          # 20 simulated companies install it
//   Aircall__OAuth__ClientId=... Aircall__OAuth__ClientSecret=... Aircall__OAuth__RedirectUri=https://.../aircall/oauth/callback \
//     dotnet run --project samples/Aircall.CallSync.Samples.Partner -- --urls http://127.0.0.1:5090
// Exit codes: 0 stopped normally, 1 failed (one line on stderr says why), 2 bad command line or settings.
using System.Net;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.Samples.Common;
using Aircall.CallSync.Samples.Partner;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;

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

builder.Services.AddDbContextFactory<PartnerDbContext>(database.Configure);

// The SDK: clients per account (the credential provider reads each account's token from the account store), the calls
// and checkpoints in the app's own DbContext, the webhook endpoint resolving each delivery's token to its account.
var aircall = builder.Services.AddAircallCallSync(configuration)
    .AddEntityFrameworkCoreStore<PartnerDbContext>()
    .AddWebhooks()
    .AddWebhookTokenResolver<AccountWebhookTokenResolver>();
builder.Services.AddSingleton<IAircallAccountStore, InMemoryAircallAccountStore>();
builder.Services.AddSingleton(provider => new CallSyncRunner(
    provider.GetRequiredService<ICallStore>(), provider.GetRequiredService<ICheckpointStore>(),
    provider.GetRequiredService<TimeProvider>(), provider.GetRequiredService<ILogger<CallSyncRunner>>()));
builder.Services.AddSingleton<AccountSyncService>();
builder.Services.AddHostedService(provider => provider.GetRequiredService<AccountSyncService>());
DemoState? demoState = demo ? new DemoState() : null;

var app = builder.Build();
app.MapAircallWebhook("/aircall/webhook");
// The accounts page shows who installed the app: it answers this machine only (put your own sign-in in front of it).
app.MapGet("/", (HttpContext context, IAircallAccountStore accounts, IDbContextFactory<PartnerDbContext> contexts, string? installed) =>
    IsLocal(context)
        ? AccountsPage.RenderAsync(accounts, contexts, demoState, installed, context.RequestAborted)
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
Console.WriteLine($"Listening on {listening} (install URI {new Uri(listening, "aircall/install")}, webhooks {new Uri(listening, "aircall/webhook")}); data goes to {database.Name}.");
Console.WriteLine($"Accounts page: {listening}");
await app.WaitForShutdownAsync();
return ExitCodes.Success;

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
