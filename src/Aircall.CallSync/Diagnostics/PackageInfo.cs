using System.Reflection;

namespace Aircall.CallSync;

/// <summary>The package's name and version, as sent in <c>User-Agent</c> and used for telemetry.</summary>
internal static class PackageInfo
{
    internal const string Name = "Aircall.CallSync";

    internal static readonly string Version = ReadVersion();

    private static string ReadVersion()
    {
        var informational = typeof(PackageInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return typeof(PackageInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        // Drop the "+commit" suffix SourceLink adds.
        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? informational : informational[..plus];
    }
}
