// Receives Aircall webhooks into a SQLite database, and shows what it stored at GET /calls (only with Sample:AdminToken).
//   dotnet run --project samples/Aircall.CallSync.Samples.Webhook                                     # demo
//   Aircall__WebhookToken=... dotnet run --project samples/Aircall.CallSync.Samples.Webhook -- --urls http://127.0.0.1:5080
//   Aircall__WebhookToken=... Sample__AdminToken=$(openssl rand -hex 32) dotnet run ...               # with GET /calls
// Exit codes: 0 stopped normally, 1 failed, 2 bad command line or settings.
using System.Globalization;
using Aircall.CallSync;
using Aircall.CallSync.Samples.Storage;
using Aircall.CallSync.Samples.Webhook;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Testing;
using Aircall.CallSync.Webhooks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

var arguments = WebhookArguments.Parse(args);
if (arguments.Error is { } usageError)
{
    Console.Error.WriteLine($"error: {usageError} See --help.");
    return 2;
}

if (arguments.Help)
{
    Console.WriteLine(WebhookArguments.Usage);
    return 0;
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = arguments.ConfigurationArgs,
    ContentRootPath = AppContext.BaseDirectory, // appsettings.json next to the program, wherever it is started from
});
var configuration = builder.Configuration;
var configuredTokens = ConfiguredTokens(configuration);
var demo = arguments.Demo || (configuredTokens.Count == 0 && arguments.Register is null);

await using var simulator = demo ? new AircallSimulator(new AircallSimulatorOptions { CallCount = 0, Seed = 42 }) : null;
if (simulator is not null)
{
    var address = await simulator.StartKestrelAsync();
    configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Aircall:ApiId"] = simulator.DefaultAccount.ApiId,
        ["Aircall:ApiToken"] = simulator.DefaultAccount.ApiToken,
        ["Aircall:AccessToken"] = "",
        ["Aircall:BaseAddress"] = address.ToString(),
    });
    Console.WriteLine($"Demo mode (no Aircall:WebhookToken configured): an Aircall simulator is listening on {address}; it will register this endpoint and deliver call events to it.");
}
else if (arguments.Register is not null && !HasCredentials(configuration))
{
    Console.Error.WriteLine("error: --register needs API credentials to create the webhook: set Aircall:ApiId and Aircall:ApiToken, or Aircall:AccessToken.");
    return 2;
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
        return 2;
    }
}
else if (demo)
{
    admin = AdminAccess.CreateRandom(out var generated);
    demoAdminToken = generated;
}

var connectionString = configuration.GetConnectionString("Calls") is { Length: > 0 } configured
    ? configured
    : demo ? "Data Source=calls-demo.db" : "Data Source=calls.db";
using var store = new SqliteCallStore(connectionString);
builder.Services.AddSingleton<ICallStore>(store);
var webhooks = builder.Services.AddAircallCallSync(configuration).AddWebhooks(); // Aircall:WebhookToken(s), Aircall:Webhooks:*
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
    await app.StartAsync();
}
catch (OptionsValidationException exception)
{
    foreach (var failure in exception.Failures)
    {
        Console.Error.WriteLine($"error: {failure}");
    }

    return 2;
}
catch (InvalidOperationException exception)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    return 2;
}
catch (IOException exception)
{
    Console.Error.WriteLine($"error: cannot listen where --urls says: {exception.Message}");
    return 1;
}

var listening = ListeningAddress(app);
var endpoint = new Uri(listening, "aircall/webhook");
Console.WriteLine(admin is null
    ? $"Listening on {listening} (POST {endpoint.AbsolutePath}; GET /calls is off: set {AdminAccess.Setting} to turn it on); calls go to {Path.GetFullPath(store.DataSource)}."
    : $"Listening on {listening} (POST {endpoint.AbsolutePath}; GET /calls with Authorization: Bearer <{AdminAccess.Setting}>); calls go to {Path.GetFullPath(store.DataSource)}.");
try
{
    if (simulator is not null)
    {
        var client = app.Services.GetRequiredService<AircallClient>(); // pointed at the simulator
        var calls = configuration.GetValue("Demo:Calls", 3);
        var ok = await RunDemoAsync(simulator, client, store, runtimeTokens, endpoint, calls, app.Lifetime.ApplicationStopping);
        if (arguments.DemoExit)
        {
            await app.StopAsync();
            return ok ? 0 : 1;
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
        Console.WriteLine($"Accepting deliveries with {configuredTokens.Count} configured webhook token(s). Ctrl+C stops.");
    }
}
catch (AircallAuthenticationException)
{
    Console.Error.WriteLine("error: Aircall rejected the credentials (check Aircall:ApiId and Aircall:ApiToken, or Aircall:AccessToken).");
    await app.StopAsync();
    return 1;
}
catch (Exception exception) when (exception is AircallApiException or AircallConnectionException)
{
    Console.Error.WriteLine($"error: {exception.Message}");
    await app.StopAsync();
    return 1;
}
catch (OperationCanceledException) when (app.Lifetime.ApplicationStopping.IsCancellationRequested)
{
    await app.StopAsync();
    return 0;
}

await app.WaitForShutdownAsync();
return 0;

static async Task<bool> RunDemoAsync(
    AircallSimulator simulator, AircallClient client, SqliteCallStore store, RuntimeWebhookTokens tokens, Uri endpoint, int calls, CancellationToken cancellationToken)
{
    // Through the typed client, exactly as against Aircall (only the base address differs).
    var webhook = await client.Webhooks.EnsureWebhookAsync(endpoint, cancellationToken: cancellationToken);
    tokens.Add(webhook.Token ?? throw new InvalidOperationException("The simulator returned the webhook without its token."));
    Console.WriteLine($"Registered webhook {webhook.WebhookId} for {endpoint} on the simulator ({webhook.Events?.Count ?? 0} call events).");
    var ids = await simulator.Webhooks.SimulateCallsAsync(calls, cancellationToken);
    var deliveries = simulator.Webhooks.Deliveries;
    var failed = deliveries.Count(d => !d.Succeeded);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"The simulator delivered {deliveries.Count} events for {ids.Count} calls over HTTP: {deliveries.Count - failed} answered 2xx, {failed} failed."));
    Console.WriteLine("Stored in the database:");
    foreach (var id in ids)
    {
        if (await store.FindAsync(id, cancellationToken) is not { } stored)
        {
            Console.WriteLine($"  call {id}: not stored");
            failed++;
            continue;
        }

        var call = stored.Call;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  call {call.Id}: {call.Direction?.Value} {call.Status?.Value}, {(call.IsMissed ? "missed (" + call.MissedCallReason?.Value + ")" : call.IsAnswered ? "answered" : "not answered")}, duration {call.Duration} s, in call {(call.InCallDuration is { } talk ? talk.TotalSeconds.ToString("0", CultureInfo.InvariantCulture) + " s" : "-")}, {call.Tags?.Count ?? 0} tag(s), {call.Comments?.Count ?? 0} comment(s), version {stored.Version:u}"));
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

static bool HasCredentials(IConfiguration configuration)
    => !string.IsNullOrWhiteSpace(configuration["Aircall:ApiId"])
       || !string.IsNullOrWhiteSpace(configuration["Aircall:AccessToken"]);

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
