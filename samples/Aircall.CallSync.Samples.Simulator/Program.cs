// The Aircall simulator as a standalone process on 127.0.0.1. Point an app at the printed address with the printed
// credentials; with --webhook-url, it also delivers call lifecycles to your webhook endpoint. See --help.
//   dotnet run --project samples/Aircall.CallSync.Samples.Simulator -- --port 5080 --calls 100000
//   dotnet run --project samples/Aircall.CallSync.Samples.Simulator -- --webhook-url http://127.0.0.1:5000/aircall/webhook
//   dotnet run --project samples/Aircall.CallSync.Samples.Simulator -- --accounts 20 --oauth-client-id demo-client \
//     --oauth-client-secret demo-secret --oauth-redirect-uri http://127.0.0.1:5000/aircall/callback --oauth-install-uri http://127.0.0.1:5000/aircall/install
// Exit codes: 0 stopped by Ctrl+C or SIGTERM, 1 could not start, 2 bad command line.
using System.Runtime.InteropServices;
using Aircall.CallSync.Samples.Simulator;
using Aircall.CallSync.Testing;

var arguments = SimulatorArguments.Parse(args);
if (arguments.Error is { } error)
{
    Console.Error.WriteLine($"error: {error}");
    Console.Error.WriteLine();
    Console.Error.WriteLine(SimulatorArguments.Usage);
    return 2;
}

if (arguments.Help)
{
    Console.WriteLine(SimulatorArguments.Usage);
    return 0;
}

// Ctrl+C (SIGINT), SIGTERM (docker stop, systemd, kill) and SIGQUIT stop it, before it even listens.
using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true; // we exit ourselves, with code 0, once the simulator is disposed
    stop.Cancel();
}

using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var sigquit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);

var options = arguments.Options;
await using var simulator = new AircallSimulator(options);
simulator.Media.DefaultSize = arguments.MediaSize;
simulator.AddAccounts(arguments.Accounts, arguments.AccountCalls);
if (arguments.HasOAuthApp)
{
    simulator.OAuth.RegisterApp(arguments.OAuthClientId!, arguments.OAuthClientSecret!, arguments.OAuthRedirectUri!, arguments.OAuthInstallUri!, arguments.OAuthAppName);
}
Uri address;
try
{
    address = await simulator.StartKestrelAsync(stop.Token);
}
catch (IOException exception)
{
    Console.Error.WriteLine($"error: cannot listen on 127.0.0.1:{options.Port}: {exception.Message} (--port 0 picks a free port)");
    return 1;
}
catch (OperationCanceledException)
{
    return 0; // stopped while starting
}

Console.WriteLine($"Aircall simulator listening on {address} with {options.CallCount} calls (seed {options.Seed}).");
Console.WriteLine($"Basic auth: {options.ApiId} / {options.ApiToken}; Bearer: {options.AccessToken ?? "(disabled)"}");
if (arguments.Accounts > 0)
{
    var accounts = simulator.Accounts;
    Console.WriteLine($"Companies: {accounts[0].CompanyId} (the default account) and {accounts[1].CompanyId} to {accounts[^1].CompanyId} "
        + $"with {arguments.AccountCalls} calls each (Basic auth sim-company-<id> / sim-api-token-<id>); GET {address}simulator/accounts lists them.");
}

if (arguments.HasOAuthApp)
{
    Console.WriteLine($"OAuth app {arguments.OAuthClientId}: install URI {arguments.OAuthInstallUri}, redirect URI {arguments.OAuthRedirectUri} (the secret is not printed).");
    Console.WriteLine($"Install it in a company: open {address}simulator/dashboard/{simulator.DefaultAccount.CompanyId}/install (any company id); consent at {address}oauth/authorize, tokens at {address}v1/oauth/token.");
    Console.WriteLine($"Uninstall: POST {address}simulator/accounts/<company id>/uninstall (delivers integration.deleted).");
}

Console.WriteLine($"Rate limit: {options.RateLimit} requests per {options.RateLimitWindow.TotalSeconds} s; time scale x{options.TimeScale}. Ctrl+C stops.");
Console.WriteLine($"Recordings and voicemails: MP3 at {address}simulator/media/..., signed links valid {options.RecordingLinkLifetime.TotalSeconds} s"
    + (arguments.MediaSize is { } size ? $", {size:N0} bytes each." : "."));

var replay = Task.FromResult(0);
if (arguments.WebhookUrl is { } webhookUrl)
{
    var webhook = simulator.DefaultAccount.AddWebhook(webhookUrl, arguments.WebhookToken);
    var token = arguments.WebhookToken == SimulatorArguments.DefaultWebhookToken
        ? $"{arguments.WebhookToken} (the default, not a secret)"
        : "the one given with --webhook-token";
    var calls = arguments.WebhookCalls == 0 ? "call lifecycles until stopped" : $"{arguments.WebhookCalls} call lifecycles";
    Console.WriteLine($"Webhook {webhook.WebhookId}: POST {calls} to {webhook.Url}, one every {arguments.WebhookInterval.TotalSeconds} s, with token {token}.");
    replay = new WebhookReplay(simulator, arguments).RunAsync(stop.Token);
}

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

var delivered = await replay;
Console.WriteLine($"Stopped after {simulator.Requests.Count} requests ({simulator.RateLimitedCount} answered 429)"
    + (arguments.WebhookUrl is null ? "." : $" and {delivered} call lifecycles delivered."));
return 0;
