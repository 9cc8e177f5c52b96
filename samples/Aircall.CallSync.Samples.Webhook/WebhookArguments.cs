namespace Aircall.CallSync.Samples.Webhook;

/// <summary>
/// The sample's own command-line options. Everything else is configuration for ASP.NET Core and the SDK
/// (<c>--urls http://127.0.0.1:5080</c>, <c>--Aircall:WebhookToken=...</c>).
/// </summary>
internal sealed class WebhookArguments
{
    public const string Usage = """
        Receives Aircall webhooks into a SQLite database: POST /aircall/webhook. With Sample:AdminToken set, GET /calls and
        GET /calls/{id} show what is stored, to requests with Authorization: Bearer <token>; without it they are not served.

        Usage: dotnet run --project samples/Aircall.CallSync.Samples.Webhook [-- options]

          --urls <urls>          where to listen (ASP.NET Core), e.g. --urls http://127.0.0.1:5080
          --register <url>       with API credentials: make sure your account has a webhook for this public HTTPS URL
                                 (created or repaired), print its token once, and serve with it
          --demo                 run the demo even if webhook tokens are configured
          --demo-exit            run the demo, then exit instead of serving (exit code 1 if a delivery failed)
          -h, --help             show this help

        With Aircall:WebhookToken (or Aircall:WebhookTokens) configured it serves the endpoint. Without, it runs a demo:
        an Aircall simulator on 127.0.0.1 registers this endpoint and delivers a few call lifecycles over HTTP.
        Calls go to ConnectionStrings:Calls (default Data Source=calls.db; calls-demo.db in demo mode).
        Set Sample:AdminToken (at least 16 characters; e.g. Sample__AdminToken=$(openssl rand -hex 32)) to turn GET /calls
        on; the demo makes up one and prints it.
        """;

    public Uri? Register { get; private set; }

    public bool Demo { get; private set; }

    public bool DemoExit { get; private set; }

    public bool Help { get; private set; }

    public string[] ConfigurationArgs { get; private set; } = [];

    public string? Error { get; private set; }

    public static WebhookArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new WebhookArguments();
        var rest = new List<string>();
        for (var i = 0; i < args.Count && parsed.Error is null; i++)
        {
            switch (args[i])
            {
                case "--register":
                    if (i + 1 < args.Count && Uri.TryCreate(args[i + 1], UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
                    {
                        parsed.Register = url;
                        i++;
                    }
                    else
                    {
                        parsed.Error = "--register needs the absolute public URL of this endpoint, e.g. --register https://example.com/aircall/webhook.";
                    }

                    break;
                case "--demo":
                    parsed.Demo = true;
                    break;
                case "--demo-exit":
                    parsed.Demo = parsed.DemoExit = true;
                    break;
                case "-h" or "--help" or "-?":
                    parsed.Help = true;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (parsed.Error is null && parsed.Demo && parsed.Register is not null)
        {
            parsed.Error = "--register and --demo do not go together: the demo registers itself on the simulator.";
        }

        parsed.ConfigurationArgs = [.. rest];
        return parsed;
    }
}
