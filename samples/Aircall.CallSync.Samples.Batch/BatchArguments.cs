using System.Globalization;
using Aircall.CallSync.Samples.Common;

namespace Aircall.CallSync.Samples.Batch;

/// <summary>
/// The sample's own command-line options. Settings are configuration (<c>--Aircall:ApiId=...</c>,
/// <c>--ConnectionStrings:Calls="Data Source=my.db"</c>); anything else is an error (exit code 2, with the usage).
/// </summary>
internal sealed class BatchArguments
{
    public const string Usage = """
        Syncs every Aircall call into a SQLite database, resuming from its checkpoint when run again.

        Usage: dotnet run --project samples/Aircall.CallSync.Samples.Batch [-- [options] [--Section:Key=value ...]]

          --from <date>   only calls created at or after this time (ISO 8601, UTC unless an offset is given)
          --to <date>     only calls created at or before this time
          --demo          run against the built-in simulator even if credentials are configured
          --archive-recordings <dir>  also download every recording and voicemail into <dir> (docs/recordings.md)
          -h, --help      show this help

        Without credentials it runs a demo against an Aircall simulator on 127.0.0.1, into batch-demo.db.
        With credentials (Aircall:ApiId + Aircall:ApiToken, or Aircall:AccessToken) it syncs your account into
        ConnectionStrings:Calls (default Data Source=calls.db). Settings come from appsettings.json, environment
        variables (Aircall__ApiId) or the command line (--Aircall:ApiId=...). See docs/configuration.md.

        Exit codes: 0 done, 1 failed (one line on stderr says why), 2 bad command line or settings, 130 stopped by Ctrl+C.
        """;

    private BatchArguments(SampleCommandLine commandLine) => CommandLine = commandLine;

    /// <summary>The command line: <c>--help</c>, errors, and what is configuration.</summary>
    public SampleCommandLine CommandLine { get; }

    public DateTimeOffset? From { get; private init; }

    public DateTimeOffset? To { get; private init; }

    public bool Demo { get; private init; }

    /// <summary>Where <c>--archive-recordings</c> puts recordings and voicemails; <c>null</c> when not archiving.</summary>
    public string? ArchiveRecordings { get; private init; }

    public static BatchArguments Parse(IReadOnlyList<string> args)
    {
        var commandLine = SampleCommandLine.Parse(args, flags: ["--demo"], valued: ["--from", "--to", "--archive-recordings"]);
        var parsed = new BatchArguments(commandLine)
        {
            Demo = commandLine.Has("--demo"),
            From = ReadDate(commandLine, "--from"),
            To = ReadDate(commandLine, "--to"),
            ArchiveRecordings = commandLine.Value("--archive-recordings"),
        };
        if (parsed.From is { } from && parsed.To is { } to && from > to)
        {
            commandLine.Fail("--from is after --to.");
        }

        return parsed;
    }

    private static DateTimeOffset? ReadDate(SampleCommandLine commandLine, string name)
    {
        if (commandLine.Value(name) is not { } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value))
        {
            return value;
        }

        commandLine.Fail($"{name} '{text}' is not a date: use ISO 8601, e.g. {name} 2026-01-31 or {name} 2026-01-31T08:00:00Z.");
        return null;
    }
}
