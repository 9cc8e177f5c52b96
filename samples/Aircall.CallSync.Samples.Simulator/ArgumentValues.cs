using System.Globalization;
using Aircall.CallSync.Testing;

namespace Aircall.CallSync.Samples.Simulator;

/// <summary>Reads the command line one option, then its value, at a time; a bad value is a <see cref="FormatException"/>.</summary>
internal sealed class ArgumentValues(IReadOnlyList<string> args)
{
    private int _next;
    private string _option = "";

    public string? NextOption() => _next < args.Count ? _option = args[_next++] : null;

    public string Text()
    {
        if (_next >= args.Count)
        {
            throw new FormatException($"{_option} needs a value.");
        }

        return args[_next++];
    }

    public int Int(int min, int max)
        => int.TryParse(Text(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw Invalid($"an integer from {min} to {max}");

    public double Rate() => Number() is var value and >= 0 and <= 1 ? value : throw Invalid("a probability from 0 to 1");

    public double Positive() => Number() is var value and > 0 ? value : throw Invalid("a number above 0");

    public TimeSpan Seconds() => Number() is var value and >= 0 and <= 86_400 ? TimeSpan.FromSeconds(value) : throw Invalid("seconds, from 0 to 86400");

    public SimulatorOddShapes Shapes()
        => Enum.TryParse<SimulatorOddShapes>(Text(), ignoreCase: true, out var shapes) ? shapes : throw Invalid("all, lossless, or shape names such as \"UserAsId, TeamsAsObject\"");

    public Uri Url()
        => Uri.TryCreate(Text(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw Invalid("an absolute http or https URL, e.g. http://127.0.0.1:5000/aircall/webhook");

    public string Token() => Text() is { Length: > 0 } token && token.Trim() == token ? token : throw Invalid("a token without spaces around it");

    private double Number()
        => double.TryParse(Text(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : throw Invalid("a number");

    private FormatException Invalid(string expected) => new($"{_option} needs {expected}, not '{args[_next - 1]}'.");
}
