using Aircall.CallSync.Samples.Common;

namespace Aircall.CallSync.Samples.Partner;

/// <summary>
/// The sample's own command-line options. Settings are configuration for ASP.NET Core and the SDK
/// (<c>--urls http://127.0.0.1:5090</c>, <c>--Aircall:OAuth:ClientId=...</c>); anything else is an error (exit code 2,
/// with the usage).
/// </summary>
internal sealed class PartnerArguments
{
    public const string Usage = """
        A technology partner's app: Aircall companies install it through OAuth, and it keeps every call of every installed
        account in one database (webhooks as they happen, plus a backfill and periodic syncs). GET / lists the accounts
        and their sync state.

        Usage: dotnet run --project samples/Aircall.CallSync.Samples.Partner [-- [options] [--Section:Key=value ...]]

          --urls <urls>          where to listen (ASP.NET Core), e.g. --urls http://127.0.0.1:5090
          --demo                 run the demo even if an OAuth client is configured
          --demo-exit            run the demo, then exit instead of serving (exit code 1 if an account is not in sync)
          --simulator <url>      with --demo: use the standalone simulator listening there
                                 (dotnet run --project samples/Aircall.CallSync.Samples.Simulator) instead of one in
                                 this process
          -h, --help             show this help

        With Aircall:OAuth:ClientId and Aircall:OAuth:ClientSecret configured (issued by Aircall), it serves the install
        URI (/aircall/install), the redirect URI (/aircall/oauth/callback), the webhook endpoint (/aircall/webhook) and
        the accounts page (/). Without, it runs a demo: an Aircall simulator registers this app, creates Demo:Accounts
        companies (20) with calls, installs the app in each through the real HTTP flow, and delivers call events to each
        account's webhook.
        Data goes to ConnectionStrings:Calls (default Data Source=partner.db; partner-demo.db in demo mode), SQLite or
        PostgreSQL ("Host=...;Database=...;Username=...;Password=...").

        Exit codes: 0 stopped normally, 1 failed (one line on stderr says why), 2 bad command line or settings.
        """;

    private PartnerArguments(SampleCommandLine commandLine) => CommandLine = commandLine;

    /// <summary>The command line: <c>--help</c>, errors, and what is configuration (<c>--urls</c> included).</summary>
    public SampleCommandLine CommandLine { get; }

    public bool Demo { get; private init; }

    public bool DemoExit { get; private init; }

    /// <summary>The standalone simulator the demo uses, or <c>null</c> for one in this process.</summary>
    public Uri? Simulator { get; private init; }

    public static PartnerArguments Parse(IReadOnlyList<string> args)
    {
        var commandLine = SampleCommandLine.Parse(args, flags: ["--demo", "--demo-exit"], valued: ["--simulator"]);
        Uri? simulator = null;
        if (commandLine.Value("--simulator") is { } text)
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)
            {
                simulator = url;
            }
            else
            {
                commandLine.Fail("--simulator needs the simulator's address on this machine, e.g. --simulator http://127.0.0.1:5080/.");
            }
        }

        var parsed = new PartnerArguments(commandLine)
        {
            Simulator = simulator,
            DemoExit = commandLine.Has("--demo-exit"),
            Demo = commandLine.Has("--demo") || commandLine.Has("--demo-exit") || simulator is not null,
        };
        return parsed;
    }
}
