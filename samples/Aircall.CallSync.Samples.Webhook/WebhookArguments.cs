using Aircall.CallSync.Samples.Common;

namespace Aircall.CallSync.Samples.Webhook;

/// <summary>
/// The sample's own command-line options. Settings are configuration for ASP.NET Core and the SDK
/// (<c>--urls http://127.0.0.1:5080</c>, <c>--Aircall:WebhookToken=...</c>); anything else is an error (exit code 2,
/// with the usage).
/// </summary>
internal sealed class WebhookArguments
{
    public const string Usage = """
        Receives Aircall webhooks into a SQLite database: POST /aircall/webhook. With Sample:AdminToken set, GET /calls and
        GET /calls/{id} show what is stored, to requests with Authorization: Bearer <token>; without it they are not served.

        Usage: dotnet run --project samples/Aircall.CallSync.Samples.Webhook [-- [options] [--Section:Key=value ...]]

          --urls <urls>          where to listen (ASP.NET Core), e.g. --urls http://127.0.0.1:5080
          --register <url>       with API credentials: make sure your account has a webhook for this public HTTPS URL
                                 (created or repaired), print its token once, and serve with it
          --archive-recordings <dir>  download every recording and voicemail into <dir> (docs/recordings.md)
          --demo                 run the demo even if webhook tokens are configured
          --demo-exit            run the demo, then exit instead of serving (exit code 1 if a delivery failed)
          -h, --help             show this help

        With Aircall:WebhookToken (or Aircall:WebhookTokens) configured it serves the endpoint. Without, it runs a demo:
        an Aircall simulator on 127.0.0.1 registers this endpoint and delivers a few call lifecycles over HTTP.
        Calls go to ConnectionStrings:Calls (default Data Source=calls.db; webhook-demo.db in demo mode).
        Set Sample:AdminToken (at least 16 characters; e.g. Sample__AdminToken=$(openssl rand -hex 32)) to turn GET /calls
        on; the demo makes up one and prints it.

        Exit codes: 0 stopped normally, 1 failed (one line on stderr says why), 2 bad command line or settings.
        """;

    private WebhookArguments(SampleCommandLine commandLine) => CommandLine = commandLine;

    /// <summary>The command line: <c>--help</c>, errors, and what is configuration (<c>--urls</c> included).</summary>
    public SampleCommandLine CommandLine { get; }

    public Uri? Register { get; private init; }

    public bool Demo { get; private init; }

    /// <summary>Where <c>--archive-recordings</c> puts recordings and voicemails; <c>null</c> when not archiving.</summary>
    public string? ArchiveRecordings { get; private init; }

    public bool DemoExit { get; private init; }

    public static WebhookArguments Parse(IReadOnlyList<string> args)
    {
        var commandLine = SampleCommandLine.Parse(args, flags: ["--demo", "--demo-exit"], valued: ["--register", "--archive-recordings"]);
        Uri? register = null;
        if (commandLine.Value("--register") is { } text)
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp))
            {
                register = url;
            }
            else
            {
                commandLine.Fail("--register needs the absolute public URL of this endpoint, e.g. --register https://example.com/aircall/webhook.");
            }
        }

        var parsed = new WebhookArguments(commandLine)
        {
            Register = register,
            DemoExit = commandLine.Has("--demo-exit"),
            ArchiveRecordings = commandLine.Value("--archive-recordings"),
            Demo = commandLine.Has("--demo") || commandLine.Has("--demo-exit"),
        };
        if (parsed.Demo && parsed.Register is not null)
        {
            commandLine.Fail("--register and --demo do not go together: the demo registers itself on the simulator.");
        }

        return parsed;
    }
}
