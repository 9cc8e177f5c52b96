namespace Aircall.CallSync.Samples.Common;

/// <summary>
/// A sample's command line: its own options (<c>--demo</c>, <c>--from 2026-01-01</c>), <c>-h</c>/<c>--help</c>, and
/// configuration for .NET (<c>--Aircall:ApiId=...</c>, <c>--ConnectionStrings:Calls "Data Source=my.db"</c>, and the
/// host's <c>--urls</c> and <c>--environment</c>), which <see cref="ConfigurationArgs"/> passes on. Anything else is an
/// error, so that a mistyped option stops the sample with its usage instead of being ignored.
/// </summary>
public sealed class SampleCommandLine
{
    /// <summary>Host settings given without a section (<c>--urls http://127.0.0.1:5080</c>).</summary>
    private static readonly string[] HostSwitches = ["urls", "environment"];

    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly List<string> _configuration = [];

    private SampleCommandLine()
    {
    }

    /// <summary>Whether <c>-h</c>, <c>--help</c> or <c>-?</c> was given.</summary>
    public bool Help { get; private set; }

    /// <summary>The first problem with the command line, or <c>null</c>.</summary>
    public string? Error { get; private set; }

    /// <summary>The arguments that are configuration, for <c>HostApplicationBuilderSettings.Args</c>.</summary>
    public string[] ConfigurationArgs => [.. _configuration];

    /// <summary>Splits <paramref name="args"/> into the sample's options and configuration.</summary>
    /// <param name="args">The command line.</param>
    /// <param name="flags">The sample's options without a value, e.g. <c>--demo</c>.</param>
    /// <param name="valued">The sample's options followed by a value, e.g. <c>--from</c>.</param>
    public static SampleCommandLine Parse(IReadOnlyList<string> args, IReadOnlyCollection<string> flags, IReadOnlyCollection<string> valued)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(flags);
        ArgumentNullException.ThrowIfNull(valued);
        var parsed = new SampleCommandLine();
        for (var i = 0; i < args.Count && parsed.Error is null; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-?")
            {
                parsed.Help = true;
            }
            else if (flags.Contains(arg))
            {
                parsed._options[arg] = null;
            }
            else if (valued.Contains(arg))
            {
                if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                {
                    parsed._options[arg] = args[++i];
                }
                else
                {
                    parsed.Fail($"{arg} needs a value.");
                }
            }
            else if (IsConfiguration(arg, out var needsValue))
            {
                parsed._configuration.Add(arg);
                if (needsValue)
                {
                    if (i + 1 >= args.Count)
                    {
                        parsed.Fail($"{arg} needs a value (or write {arg}=value).");
                    }
                    else
                    {
                        parsed._configuration.Add(args[++i]);
                    }
                }
            }
            else
            {
                parsed.Fail(arg.StartsWith('-')
                    ? $"unknown option {arg}."
                    : $"unexpected argument '{arg}' (settings are written --Section:Key=value).");
            }
        }

        return parsed;
    }

    /// <summary>Whether the sample's option <paramref name="option"/> was given.</summary>
    /// <param name="option">The option, e.g. <c>--demo</c>.</param>
    public bool Has(string option) => _options.ContainsKey(option);

    /// <summary>The value given to <paramref name="option"/>, or <c>null</c>.</summary>
    /// <param name="option">The option, e.g. <c>--from</c>.</param>
    public string? Value(string option) => _options.GetValueOrDefault(option);

    /// <summary>Records a problem with the command line (the first one is kept).</summary>
    /// <param name="error">What is wrong and how to write it instead.</param>
    public void Fail(string error) => Error ??= error;

    /// <summary>
    /// Answers <c>--help</c> (the usage on stdout, exit code 0) and a bad command line (the problem and the usage on
    /// stderr, exit code 2). Returns the exit code, or <c>null</c> when the sample should run.
    /// </summary>
    /// <param name="usage">The sample's usage text.</param>
    public int? HelpOrError(string usage)
    {
        if (Error is { } error)
        {
            Console.Error.WriteLine($"error: {error}");
            Console.Error.WriteLine();
            Console.Error.WriteLine(usage);
            return ExitCodes.Usage;
        }

        if (Help)
        {
            Console.WriteLine(usage);
            return ExitCodes.Success;
        }

        return null;
    }

    /// <summary>
    /// What .NET's command-line configuration reads: <c>--Section:Key=value</c>, <c>--Section:Key value</c>,
    /// <c>Section:Key=value</c>, <c>/Section:Key=value</c>, and the host switches with or without a section.
    /// </summary>
    private static bool IsConfiguration(string arg, out bool needsValue)
    {
        var key = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : arg.StartsWith('/') ? arg[1..] : arg;
        var bare = ReferenceEquals(key, arg);
        var equals = key.IndexOf('=', StringComparison.Ordinal);
        needsValue = equals < 0 && !bare;
        var name = equals < 0 ? key : key[..equals];
        if (bare && equals < 0)
        {
            return false; // a word on its own is not a setting
        }

        return name.Length > 0 && !name.StartsWith('-')
               && (name.Contains(':', StringComparison.Ordinal) || HostSwitches.Contains(name, StringComparer.OrdinalIgnoreCase));
    }
}
