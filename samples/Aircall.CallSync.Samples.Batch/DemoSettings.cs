using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Aircall.CallSync.Samples.Batch;

/// <summary>
/// Demo mode (no credentials): how many calls the simulator holds, and the rate limit that both the simulator and the
/// SDK apply. Aircall allows 60 requests a minute; the demo compresses the window (60 per second by default) on both
/// sides, so the SDK's limiter does exactly what it does against Aircall, only faster.
/// </summary>
/// <param name="Calls">Calls in the simulated account (<c>Demo:Calls</c>, 12,345 by default: more than the 10,000 cap).</param>
/// <param name="PermitLimit">Requests per window (<c>Demo:PermitLimit</c>, 60 by default).</param>
/// <param name="Window">The compressed window (<c>Demo:Window</c>, 1 second by default).</param>
internal sealed record DemoSettings(int Calls, int PermitLimit, TimeSpan Window)
{
    public static DemoSettings From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Demo");
        return new DemoSettings(
            ReadInt(section, "Calls", 12_345, min: 0),
            ReadInt(section, "PermitLimit", 60, min: 1),
            section["Window"] is { Length: > 0 } text
                ? TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var window) && window > TimeSpan.Zero
                    ? window
                    : throw new InvalidOperationException($"Demo:Window '{text}' is not a positive TimeSpan (use the form 00:00:01).")
                : TimeSpan.FromSeconds(1));
    }

    private static int ReadInt(IConfiguration section, string name, int fallback, int min)
        => section[name] is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min
                ? value
                : throw new InvalidOperationException($"Demo:{name} '{text}' is not a whole number of at least {min}.")
            : fallback;
}
