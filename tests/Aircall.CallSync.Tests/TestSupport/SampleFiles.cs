using System.Text.Json;

namespace Aircall.CallSync.Tests.TestSupport;

/// <summary>
/// The payload fixtures in tests/fixtures/aircall-samples (provenance in SOURCES.md there), read at test time.
/// </summary>
internal static class SampleFiles
{
    internal static string Root { get; } = Directory.GetParent(WebhookFixtures.Directory)!.FullName;

    internal static string RestPath(string fileName) => Path.Combine(Root, "rest", fileName);

    internal static byte[] Rest(string fileName) => File.ReadAllBytes(RestPath(fileName));

    internal static string RestText(string fileName) => File.ReadAllText(RestPath(fileName));

    internal static byte[] Webhook(string fileName) => WebhookFixtures.Read(fileName);

    /// <summary>The raw UTF-8 JSON of a webhook envelope's <c>data</c> object.</summary>
    internal static byte[] WebhookData(string fileName) => DataOf(Webhook(fileName));

    /// <summary>The raw UTF-8 JSON of an envelope's <c>data</c> object.</summary>
    internal static byte[] DataOf(byte[] envelope)
    {
        using var document = JsonDocument.Parse(envelope);
        return JsonSerializer.SerializeToUtf8Bytes(document.RootElement.GetProperty("data"));
    }

    /// <summary>Every webhook fixture whose envelope is a call event.</summary>
    internal static IEnumerable<string> CallWebhooks()
        => WebhookFixtures.All().Select(Path.GetFileName).Where(name => name!.StartsWith("call-", StringComparison.Ordinal))!;
}
