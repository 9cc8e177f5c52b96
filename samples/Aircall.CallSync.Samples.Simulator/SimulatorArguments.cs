using Aircall.CallSync.Testing;

namespace Aircall.CallSync.Samples.Simulator;

/// <summary>The standalone simulator's command line: the simulator's options, and where to deliver webhook events.</summary>
internal sealed class SimulatorArguments
{
    /// <summary>The webhook token when <c>--webhook-token</c> is not given: plainly not a secret.</summary>
    public const string DefaultWebhookToken = "sim-webhook-token";

    public const string Usage = """
        Aircall simulator on 127.0.0.1: a fake Aircall Public API with seeded calls, Aircall's paging and rate limits.

        Usage: dotnet run --project samples/Aircall.CallSync.Samples.Simulator [-- options]

          --port N             port to listen on (default 5080; 0 picks a free one)
          --calls N            calls in the default account (default 1000)
          --seed N             seed of the generated data and random faults (default 42)
          --busiest-second N   how many of the calls share one second (over 10,000: past any window)
          --api-id X --api-token Y --access-token Z   the account's credentials
          --rate-limit N --window SECONDS             requests allowed per window (default 60 per 60 s; 0: none)
          --headers-always     send X-AircallApi-* on every response, not only on 429s
          --reset-ms           X-AircallApi-Reset in epoch milliseconds instead of seconds
          --no-headers         no X-AircallApi-* headers at all
          --error-rate P --drop-rate P --slow-rate P --malformed-rate P   fault probabilities, 0 to 1
          --slow-delay SECONDS how long a slow response is held (default 2)
          --time-scale X       simulated seconds per real second (60: a minute passes in a second)
          --odd-payload-rate P share of calls sent with undocumented JSON types and unknown fields, 0 to 1
          --odd-shapes S       which shapes: all (default), lossless, or names such as "UserAsId, TeamsAsObject"
          --recording-link-lifetime SECONDS   how long recording and voicemail links work (X-Amz-Expires, default 600)
          --media-size BYTES   serve every recording and voicemail as a valid MP3 of this size (default: ~10 KB files)

        Many companies, and OAuth for a technology partner's app (see docs/partners.md):
          --accounts N         add N companies (company ids 100002, 100003, ...), each with its own calls,
                               webhooks and rate limit; the default account is company 100001
          --account-calls N    calls in each added company (default 100)
          --oauth-client-id ID --oauth-client-secret S   register an OAuth app with these credentials
          --oauth-redirect-uri URL --oauth-install-uri URL   its registered redirect and install URIs
                               (the four go together); installs start at
                               http://127.0.0.1:PORT/simulator/dashboard/COMPANY_ID/install
          --oauth-app-name NAME   its name in GET /v1/integrations/me (default Simulated app)

        Webhook deliveries to your own endpoint (nothing is sent anywhere else):
          --webhook-url URL    register a webhook for URL (e.g. http://127.0.0.1:5000/aircall/webhook) and POST
                               call lifecycles to it: created, ringing, answered, hungup, ended, tagged, ...
          --webhook-token T    the token every delivery carries (default sim-webhook-token): configure your
                               endpoint with it (Aircall:WebhookToken)
          --webhook-calls N    how many call lifecycles to deliver (default 10; 0: until stopped)
          --webhook-interval SECONDS   pause between two calls' lifecycles (default 1)
          --webhook-duplicate-rate P --webhook-reorder-rate P   share of events sent twice, or swapped with the next

          -h, --help           show this help

        Ctrl+C or SIGTERM stops it (exit code 0); a bad command line exits with code 2.
        See docs/testing-with-the-simulator.md.
        """;

    private static readonly Dictionary<string, Action<SimulatorArguments, ArgumentValues>> s_options = new(StringComparer.Ordinal)
    {
        ["--port"] = (a, v) => a.Options.Port = v.Int(0, 65535),
        ["--calls"] = (a, v) => a.Options.CallCount = v.Int(0, int.MaxValue),
        ["--seed"] = (a, v) => a.Options.Seed = v.Int(int.MinValue, int.MaxValue),
        ["--busiest-second"] = (a, v) => a.Options.CallsInBusiestSecond = v.Int(0, int.MaxValue),
        ["--api-id"] = (a, v) => a.Options.ApiId = v.Text(),
        ["--api-token"] = (a, v) => a.Options.ApiToken = v.Text(),
        ["--access-token"] = (a, v) => a.Options.AccessToken = v.Text(),
        ["--rate-limit"] = (a, v) => a.Options.RateLimit = v.Int(0, int.MaxValue),
        ["--window"] = (a, v) => a.Options.RateLimitWindow = v.Seconds(),
        ["--headers-always"] = (a, _) => a.Options.RateLimitHeadersOnEveryResponse = true,
        ["--reset-ms"] = (a, _) => a.Options.RateLimitResetInMilliseconds = true,
        ["--no-headers"] = (a, _) => a.Options.SendRateLimitHeaders = false,
        ["--error-rate"] = (a, v) => a.Options.ServerErrorRate = v.Rate(),
        ["--drop-rate"] = (a, v) => a.Options.DroppedConnectionRate = v.Rate(),
        ["--slow-rate"] = (a, v) => a.Options.SlowResponseRate = v.Rate(),
        ["--slow-delay"] = (a, v) => a.Options.SlowResponseDelay = v.Seconds(),
        ["--malformed-rate"] = (a, v) => a.Options.MalformedJsonRate = v.Rate(),
        ["--time-scale"] = (a, v) => a.Options.TimeScale = v.Positive(),
        ["--odd-payload-rate"] = (a, v) => a.Options.OddPayloadRate = v.Rate(),
        ["--odd-shapes"] = (a, v) => a.Options.OddPayloadShapes = v.Shapes(),
        ["--recording-link-lifetime"] = (a, v) => a.Options.RecordingLinkLifetime = TimeSpan.FromSeconds(v.Int(1, 604_800)),
        ["--media-size"] = (a, v) => a.MediaSize = v.Int(1024, int.MaxValue),
        ["--accounts"] = (a, v) => a.Accounts = v.Int(0, 100_000),
        ["--account-calls"] = (a, v) => a.AccountCalls = v.Int(0, 10_000_000),
        ["--oauth-client-id"] = (a, v) => a.OAuthClientId = v.Token(),
        ["--oauth-client-secret"] = (a, v) => a.OAuthClientSecret = v.Token(),
        ["--oauth-redirect-uri"] = (a, v) => a.OAuthRedirectUri = v.Url(),
        ["--oauth-install-uri"] = (a, v) => a.OAuthInstallUri = v.Url(),
        ["--oauth-app-name"] = (a, v) => a.OAuthAppName = v.Token(),
        ["--webhook-url"] = (a, v) => a.WebhookUrl = v.Url(),
        ["--webhook-token"] = (a, v) => a.WebhookToken = v.Token(),
        ["--webhook-calls"] = (a, v) => a.WebhookCalls = v.Int(0, int.MaxValue),
        ["--webhook-interval"] = (a, v) => a.WebhookInterval = v.Seconds(),
        ["--webhook-duplicate-rate"] = (a, v) => a.Options.WebhookDuplicateRate = v.Rate(),
        ["--webhook-reorder-rate"] = (a, v) => a.Options.WebhookReorderRate = v.Rate(),
    };

    public AircallSimulatorOptions Options { get; } = new() { Port = 5080, CallCount = 1000 };

    /// <summary>The size every recording and voicemail is served at, or <c>null</c> for the embedded files.</summary>
    public long? MediaSize { get; private set; }

    /// <summary>Where to deliver webhook events, or <c>null</c> for none.</summary>
    public Uri? WebhookUrl { get; private set; }

    public string WebhookToken { get; private set; } = DefaultWebhookToken;

    /// <summary>How many call lifecycles to deliver; 0: until stopped.</summary>
    public int WebhookCalls { get; private set; } = 10;

    public TimeSpan WebhookInterval { get; private set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many companies to add besides the default account.</summary>
    public int Accounts { get; private set; }

    public int AccountCalls { get; private set; } = 100;

    public string? OAuthClientId { get; private set; }

    public string? OAuthClientSecret { get; private set; }

    public Uri? OAuthRedirectUri { get; private set; }

    public Uri? OAuthInstallUri { get; private set; }

    public string OAuthAppName { get; private set; } = "Simulated app";

    /// <summary>Whether an OAuth app is to be registered (all four of its options given).</summary>
    public bool HasOAuthApp => OAuthClientId is not null;

    public bool Help { get; private set; }

    /// <summary>Why the command line is wrong, or <c>null</c>.</summary>
    public string? Error { get; private set; }

    public static SimulatorArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new SimulatorArguments();
        var given = new HashSet<string>(StringComparer.Ordinal);
        var values = new ArgumentValues(args);
        try
        {
            while (values.NextOption() is { } option)
            {
                if (option is "-h" or "--help" or "-?")
                {
                    parsed.Help = true;
                }
                else if (s_options.TryGetValue(option, out var apply))
                {
                    apply(parsed, values);
                    given.Add(option);
                }
                else
                {
                    throw new FormatException($"unknown option {option}.");
                }
            }
        }
        catch (FormatException exception)
        {
            parsed.Error = exception.Message;
            return parsed;
        }

        if (parsed.WebhookUrl is null && given.FirstOrDefault(o => o.StartsWith("--webhook-", StringComparison.Ordinal)) is { } orphan)
        {
            parsed.Error = $"{orphan} applies to webhook deliveries: give --webhook-url too.";
        }

        string[] app = ["--oauth-client-id", "--oauth-client-secret", "--oauth-redirect-uri", "--oauth-install-uri"];
        if (given.FirstOrDefault(o => o.StartsWith("--oauth-", StringComparison.Ordinal)) is { } oauth && app.FirstOrDefault(o => !given.Contains(o)) is { } missing)
        {
            parsed.Error = $"{oauth} registers an OAuth app: give {string.Join(", ", app)} together ({missing} is missing).";
        }
        else if (given.Contains("--account-calls") && parsed.Accounts == 0)
        {
            parsed.Error = "--account-calls applies to added companies: give --accounts too.";
        }

        return parsed;
    }
}
