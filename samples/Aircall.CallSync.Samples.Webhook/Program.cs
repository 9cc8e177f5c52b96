// Receives Aircall webhooks into a database (SQLite, or PostgreSQL by its connection string), and shows what it stored at
// GET /calls (only with Sample:AdminToken).
//   dotnet run --project samples/Aircall.CallSync.Samples.Webhook                                     # demo
//   Aircall__WebhookToken=... dotnet run --project samples/Aircall.CallSync.Samples.Webhook -- --urls http://127.0.0.1:5080
//   Aircall__WebhookToken=... Sample__AdminToken=$(openssl rand -hex 32) dotnet run ...               # with GET /calls
// Exit codes: 0 stopped normally, 1 failed (one line on stderr says why), 2 bad command line or settings.
// The plumbing both samples share (command line, demo mode, start-up checks, error lines) is in Samples.Common.
using System.Globalization;
using Aircall.CallSync;
using Aircall.CallSync.Samples.Common;
using Aircall.CallSync.Samples.Webhook;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Testing;
using Aircall.CallSync.Webhooks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

var arguments = WebhookArguments.Parse(args);
if (arguments.CommandLine.HelpOrError(WebhookArguments.Usage) is { } exitCode)
{
    return exitCode; // --help: 0; an unknown option or a bad value: 2, with the usage on stderr
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = arguments.CommandLine.ConfigurationArgs,
    ContentRootPath = AppContext.BaseDirectory, // appsettings.json next to the program, wherever it is started from
});
var configuration = builder.Configuration;
var configuredTokens = ConfiguredTokens(configuration);
var demo = arguments.Demo || (configuredTokens.Count == 0 && arguments.Register is null);

await using var simulator = demo ? new AircallSimulator(new AircallSimulatorOptions { CallCount = 0, Seed = 42 }) : null;
if (simulator is not null)
{
    var address = await DemoMode.UseSimulatorAsync(configuration, simulator);
    Console.WriteLine($"Demo mode (no Aircall:WebhookToken configured): an Aircall simulator is listening on {address}; it will register this endpoint and deliver call events to it.");
}
else if (arguments.Register is not null && !DemoMode.HasApiCredentials(configuration))
{
    Console.Error.WriteLine("error: --register needs API credentials to create the webhook: set Aircall:ApiId and Aircall:ApiToken, or Aircall:AccessToken.");
    return ExitCodes.Usage;
}

// GET /calls shows phone numbers and users, on the port Aircall must reach: off unless Sample:AdminToken is set, and
// then only for requests with "Authorization: Bearer <token>". The demo (simulated calls only) makes up a token.
AdminAccess? admin = null;
string? demoAdminToken = null;
if (configuration[AdminAccess.Setting] is { Length: > 0 } adminToken)
{
    admin = AdminAccess.Create(adminToken, out var adminError);
    if (adminError is not null)
    {
        Console.Error.WriteLine($"error: {adminError}");
        return ExitCodes.Usage;
    }
}
else if (demo)
{
    admin = AdminAccess.CreateRandom(out var generated);
    demoAdminToken = generated;
}

// ConnectionStrings:Calls: SQLite ("Data Source=calls.db", the default) or PostgreSQL ("Host=...;Database=...").
using var store = CallsDatabase.Choose(configuration, demo, "webhook-demo.db", out var databaseError);
if (store is null)
{
    Console.Error.WriteLine($"error: {databaseError}");
    return ExitCodes.Usage;
}

builder.Services.AddSingleton(store.Calls);
var webhooks = builder.Services.AddAircallCallSync(configuration).AddWebhooks(); // Aircall:WebhookToken(s), Aircall:Webhooks:*
if (arguments.ArchiveRecordings is { } archiveDirectory)
{
    // An ICallWriteObserver: each stored call event with a link queues a download; the webhook never waits for it.
    // API credentials are needed outside the demo, to re-fetch calls whose links expired.
    webhooks.AddSampleArchiver(archiveDirectory, demo);
}

var runtimeTokens = new RuntimeWebhookTokens(configuredTokens);
if (simulator is not null || arguments.Register is not null)
{
    // The token of a webhook registered below is only known once it is registered.
    webhooks.AddWebhookTokenResolver(_ => runtimeTokens);
}

var app = builder.Build();
app.MapAircallWebhook("/aircall/webhook");
app.MapGet("/", () => admin is null
    ? "Aircall.CallSync webhook sample: POST /aircall/webhook receives Aircall events. GET /calls is off (set Sample:AdminToken to turn it on).\n"
    : "Aircall.CallSync webhook sample: POST /aircall/webhook receives Aircall events; GET /calls and GET /calls/{id} show what is stored (Authorization: Bearer <Sample:AdminToken>).\n");
if (admin is not null)
{
    var calls = app.MapGroup("/calls").AddEndpointFilter(admin.FilterAsync);
    calls.MapGet("", async (int? limit, CancellationToken cancellationToken) =>
    {
        var recent = await store.ListRecentAsync(Math.Clamp(limit ?? 50, 1, 1000), cancellationToken);
        var summary = await store.SummarizeAsync(cancellationToken);
        return Results.Bytes(CallsJson.List(summary.Calls, recent), "application/json");
    });
    calls.MapGet("/{id:long}", async (long id, string? account, CancellationToken cancellationToken) =>
        await store.FindAsync(account, id, cancellationToken) is { } stored
            ? Results.Bytes(CallsJson.One(stored), "application/json")
            : Results.NotFound());
}

try
{
    await store.CreateTablesOnFirstRunAsync(); // PostgreSQL: EnsureCreated, for a sample (production: migrations)
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
var endpoint = new Uri(listening, "aircall/webhook");
Console.WriteLine(admin is null
    ? $"Listening on {listening} (POST {endpoint.AbsolutePath}; GET /calls is off: set {AdminAccess.Setting} to turn it on); calls go to {store.Name}."
    : $"Listening on {listening} (POST {endpoint.AbsolutePath}; GET /calls with Authorization: Bearer <{AdminAccess.Setting}>); calls go to {store.Name}.");
try
{
    if (simulator is not null)
    {
        var client = app.Services.GetRequiredService<AircallClient>(); // pointed at the simulator
        var calls = configuration.GetValue("Demo:Calls", arguments.ArchiveRecordings is null ? 3 : 12);
        var ok = await RunDemoAsync(simulator, client, store, runtimeTokens, endpoint, calls, app.Lifetime.ApplicationStopping);
        if (arguments.ArchiveRecordings is { } archived)
        {
            await RecordingArchive.ReportAsync(app.Services, archived, TimeSpan.FromMinutes(1), app.Lifetime.ApplicationStopping);
        }
        if (arguments.DemoExit)
        {
            await app.StopAsync();
            return ok ? ExitCodes.Success : ExitCodes.Failure;
        }

        Console.WriteLine(demoAdminToken is null
            ? $"Still serving: try `curl -H 'Authorization: Bearer <{AdminAccess.Setting}>' {listening}calls`. Ctrl+C stops."
            : $"Still serving: try `curl -H 'Authorization: Bearer {demoAdminToken}' {listening}calls` (a token made up for this demo run; set {AdminAccess.Setting} to choose one). Ctrl+C stops.");
    }
    else if (arguments.Register is { } publicUrl)
    {
        if (publicUrl.Scheme != Uri.UriSchemeHttps)
        {
            Console.WriteLine("warning: Aircall only delivers to HTTPS URLs with a valid certificate; expose this endpoint through a tunnel or a reverse proxy (docs/webhooks.md).");
        }

        var client = app.Services.GetRequiredService<AircallClient>(); // your account
        var webhook = await client.Webhooks.EnsureWebhookAsync(publicUrl, customName: "Aircall.CallSync sample", cancellationToken: app.Lifetime.ApplicationStopping);
        runtimeTokens.Add(webhook.Token ?? throw new InvalidOperationException("Aircall returned the webhook without its token."));
        Console.WriteLine($"Webhook {webhook.WebhookId} is active for {publicUrl} ({webhook.Events?.Count ?? 0} events).");
        Console.WriteLine("Its token follows. It is a secret, printed this once: store it as Aircall:WebhookToken (user secrets, an environment");
        Console.WriteLine("variable Aircall__WebhookToken, or a vault), never in source control. Serving with it now.");
        Console.WriteLine($"Aircall:WebhookToken={webhook.Token}");
    }
    else
    {
        Console.WriteLine($"Accepting deliveries; configured webhook tokens: {configuredTokens.Count}. Ctrl+C stops.");
    }
}
catch (Exception exception) when (SampleErrors.Describe(exception, store.Sqlite) is { } reason)
{
    // Credentials rejected, Aircall unreachable at Aircall:BaseAddress, the database locked, ...: one line each.
    Console.Error.WriteLine($"error: {reason}");
    await app.StopAsync();
    return ExitCodes.Failure;
}
catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
{
    await app.StopAsync();
    return ExitCodes.Success;
}

await app.WaitForShutdownAsync();
return ExitCodes.Success;

static async Task<bool> RunDemoAsync(
    AircallSimulator simulator, AircallClient client, CallsDatabase store, RuntimeWebhookTokens tokens, Uri endpoint, int calls, CancellationToken cancellationToken)
{
    // Through the typed client, exactly as against Aircall (only the base address differs).
    var webhook = await client.Webhooks.EnsureWebhookAsync(endpoint, cancellationToken: cancellationToken);
    tokens.Add(webhook.Token ?? throw new InvalidOperationException("The simulator returned the webhook without its token."));
    Console.WriteLine($"Registered webhook {webhook.WebhookId} for {endpoint} on the simulator ({webhook.Events?.Count ?? 0} call events).");
    var ids = await simulator.Webhooks.SimulateCallsAsync(calls, cancellationToken);
    var deliveries = simulator.Webhooks.Deliveries;
    var failed = deliveries.Count(d => !d.Succeeded);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"The simulator delivered {deliveries.Count} events over HTTP (calls: {ids.Count}): {deliveries.Count - failed} answered 2xx, {failed} failed."));
    Console.WriteLine("Stored in the database:");
    foreach (var id in ids)
    {
        if (await store.FindAsync(null, id, cancellationToken) is not { } stored)
        {
            Console.WriteLine($"  call {id}: not stored");
            failed++;
            continue;
        }

        var call = stored.Call;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  call {call.Id}: {call.Direction?.Value} {call.Status?.Value}, {(call.IsMissed ? "missed (" + call.MissedCallReason?.Value + ")" : call.IsAnswered ? "answered" : "not answered")}, duration {(call.Duration is { } duration ? duration.ToString(CultureInfo.InvariantCulture) + " s" : "-")}, in call {(call.InCallDuration is { } talk ? talk.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s" : "-")}, tags: {call.Tags?.Count ?? 0}, comments: {call.Comments?.Count ?? 0}, version {stored.Version:u}"));
    }

    return failed == 0;
}

static List<string> ConfiguredTokens(IConfiguration configuration)
{
    var tokens = new List<string>();
    if (configuration["Aircall:WebhookToken"] is { Length: > 0 } token)
    {
        tokens.Add(token);
    }

    foreach (var child in configuration.GetSection("Aircall:WebhookTokens").GetChildren())
    {
        if (child.Value is { Length: > 0 } value)
        {
            tokens.Add(value);
        }
    }

    return tokens;
}

static Uri ListeningAddress(WebApplication app)
{
    var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
    var uri = new UriBuilder(address.Replace("://+", "://127.0.0.1", StringComparison.Ordinal).Replace("://*", "://127.0.0.1", StringComparison.Ordinal));
    if (uri.Host is "0.0.0.0" or "[::]" or "::" or "localhost")
    {
        uri.Host = "127.0.0.1"; // deliveries in demo mode, and the printed address, use the loopback
    }

    uri.Path = "/";
    return uri.Uri;
}
