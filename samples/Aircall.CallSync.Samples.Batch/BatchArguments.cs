using System.Globalization;

namespace Aircall.CallSync.Samples.Batch;

/// <summary>
/// The sample's own command-line options. Everything else on the command line is configuration
/// (<c>--Aircall:ApiId=...</c>, <c>--ConnectionStrings:Calls="Data Source=my.db"</c>).
/// </summary>
internal sealed class BatchArguments
{
    public const string Usage = """
        Syncs every Aircall call into a SQLite database, resuming from its checkpoint when run again.

        Usage: dotnet run --project samples/Aircall.CallSync.Samples.Batch [-- options]

          --from <date>   only calls created at or after this time (ISO 8601, UTC unless an offset is given)
          --to <date>     only calls created at or before this time
          --demo          run against the built-in simulator even if credentials are configured
          -h, --help      show this help

        Without credentials it runs a demo against an Aircall simulator on 127.0.0.1.
        With credentials (Aircall:ApiId + Aircall:ApiToken, or Aircall:AccessToken) it syncs your account into
        ConnectionStrings:Calls (default Data Source=calls.db). Settings come from appsettings.json, environment
        variables (Aircall__ApiId) or the command line (--Aircall:ApiId=...). See docs/configuration.md.
        """;

    public DateTimeOffset? From { get; private set; }

    public DateTimeOffset? To { get; private set; }

    public bool Demo { get; private set; }

    public bool Help { get; private set; }

    /// <summary>What is not ours: passed to the configuration.</summary>
    public string[] ConfigurationArgs { get; private set; } = [];

    /// <summary>Why the command line is wrong, or <c>null</c>.</summary>
    public string? Error { get; private set; }

    public static BatchArguments Parse(IReadOnlyList<string> args)
    {
        var parsed = new BatchArguments();
        var rest = new List<string>();
        for (var i = 0; i < args.Count && parsed.Error is null; i++)
        {
            switch (args[i])
            {
                case "--from":
                    parsed.From = ReadDate(args, ref i, parsed);
                    break;
                case "--to":
                    parsed.To = ReadDate(args, ref i, parsed);
                    break;
                case "--demo":
                    parsed.Demo = true;
                    break;
                case "-h" or "--help" or "-?":
                    parsed.Help = true;
                    break;
                default:
                    rest.Add(args[i]);
                    break;
            }
        }

        if (parsed.Error is null && parsed.From is { } from && parsed.To is { } to && from > to)
        {
            parsed.Error = "--from is after --to.";
        }

        parsed.ConfigurationArgs = [.. rest];
        return parsed;
    }

    private static DateTimeOffset? ReadDate(IReadOnlyList<string> args, ref int i, BatchArguments parsed)
    {
        var name = args[i];
        if (i + 1 >= args.Count)
        {
            parsed.Error = $"{name} needs a date, e.g. {name} 2026-01-31 or {name} 2026-01-31T08:00:00Z.";
            return null;
        }

        var text = args[++i];
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        parsed.Error = $"{name} '{text}' is not a date: use ISO 8601, e.g. 2026-01-31 or 2026-01-31T08:00:00Z.";
        return null;
    }
}
