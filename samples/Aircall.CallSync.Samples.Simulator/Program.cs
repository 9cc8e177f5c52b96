// The Aircall simulator as a standalone process on 127.0.0.1. Point an app at the printed address with the printed
// credentials. Options (all optional):
//   --port 5080 --calls 100000 --seed 42 --busiest-second 0 --api-id sim-api-id --api-token sim-api-token
//   --access-token sim-access-token --rate-limit 60 --window 60 --headers-always --reset-ms --no-headers
//   --error-rate 0.01 --drop-rate 0.01 --slow-rate 0.01 --malformed-rate 0 --time-scale 1
//   --odd-payload-rate 0.1 --odd-shapes lossless
using System.Globalization;
using Aircall.CallSync.Testing;

var options = new AircallSimulatorOptions { Port = 5080, CallCount = 1000 };
for (var i = 0; i < args.Length; i++)
{
    string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
    double Rate() => double.Parse(Next(), CultureInfo.InvariantCulture);
    switch (args[i])
    {
        case "--port": options.Port = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--calls": options.CallCount = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--seed": options.Seed = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--busiest-second": options.CallsInBusiestSecond = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--api-id": options.ApiId = Next(); break;
        case "--api-token": options.ApiToken = Next(); break;
        case "--access-token": options.AccessToken = Next(); break;
        case "--rate-limit": options.RateLimit = int.Parse(Next(), CultureInfo.InvariantCulture); break;
        case "--window": options.RateLimitWindow = TimeSpan.FromSeconds(Rate()); break;
        case "--headers-always": options.RateLimitHeadersOnEveryResponse = true; break;
        case "--reset-ms": options.RateLimitResetInMilliseconds = true; break;
        case "--no-headers": options.SendRateLimitHeaders = false; break;
        case "--error-rate": options.ServerErrorRate = Rate(); break;
        case "--drop-rate": options.DroppedConnectionRate = Rate(); break;
        case "--slow-rate": options.SlowResponseRate = Rate(); break;
        case "--malformed-rate": options.MalformedJsonRate = Rate(); break;
        case "--time-scale": options.TimeScale = Rate(); break;
        case "--odd-payload-rate": options.OddPayloadRate = Rate(); break;
        case "--odd-shapes": options.OddPayloadShapes = Enum.Parse<SimulatorOddShapes>(Next(), ignoreCase: true); break;
        case "--help" or "-h":
            Console.WriteLine("""
                Aircall simulator on 127.0.0.1. Options (all optional):
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
                  --time-scale X       simulated seconds per real second (60: a minute passes in a second)
                  --odd-payload-rate P share of calls sent with undocumented JSON types and unknown fields, 0 to 1
                  --odd-shapes S       which shapes: all (default), lossless, or names such as "UserAsId, TeamsAsObject"
                See docs/testing-with-the-simulator.md.
                """);
            return 0;
        default:
            Console.Error.WriteLine($"Unknown option {args[i]}; see --help.");
            return 2;
    }
}

await using var simulator = new AircallSimulator(options);
var address = await simulator.StartKestrelAsync();
Console.WriteLine($"Aircall simulator listening on {address} with {options.CallCount} calls (seed {options.Seed}).");
Console.WriteLine($"Basic auth: {options.ApiId} / {options.ApiToken}; Bearer: {options.AccessToken ?? "(disabled)"}");
Console.WriteLine($"Rate limit: {options.RateLimit} requests per {options.RateLimitWindow.TotalSeconds} s; time scale x{options.TimeScale}. Ctrl+C stops.");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
}

Console.WriteLine($"Stopped after {simulator.Requests.Count} requests ({simulator.RateLimitedCount} answered 429).");
return 0;
