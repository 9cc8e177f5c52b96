namespace Aircall.CallSync.Tests;

/// <summary>The real webhook deliveries in tests/fixtures/aircall-samples/webhooks (see SOURCES.md there).</summary>
internal static class WebhookFixtures
{
    /// <summary>The token every captured delivery carries.</summary>
    internal const string Token = "58ffd2bc5f3113f7bebf210a49299a1b";

    /// <summary>The outbound call whose whole lifecycle was captured.</summary>
    internal const long OutboundCallId = 780836699;

    internal static string Directory { get; } = Locate();

    internal static IEnumerable<string> All() => System.IO.Directory.EnumerateFiles(Directory, "*.json").Order(StringComparer.Ordinal);

    internal static byte[] Read(string fileName) => File.ReadAllBytes(Path.Combine(Directory, fileName));

    internal static IReadOnlyList<string> OutboundLifecycle { get; } =
    [
        "call-created-outbound-780836699.json",
        "call-answered-outbound-780836699.json",
        "call-hold-outbound-780836699.json",
        "call-unhold-outbound-780836699.json",
        "call-hungup-outbound-780836699.json",
        "call-ended-outbound-780836699.json",
    ];

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "fixtures", "aircall-samples", "webhooks");
            if (System.IO.Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/fixtures/aircall-samples/webhooks was not found above " + AppContext.BaseDirectory);
    }
}
