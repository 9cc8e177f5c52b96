using System.Net.Http.Headers;
using System.Text;
using Aircall.CallSync.Testing;

namespace Aircall.CallSync.Benchmarks.Infrastructure;

/// <summary>
/// The payloads every suite and harness uses: real webhook deliveries (tests/fixtures/aircall-samples/webhooks, copied next
/// to the executable) and a 50-call page exactly as the simulator serves it.
/// </summary>
internal static class Fixtures
{
    /// <summary>The webhook fixtures with a call in <c>data</c>, by file name without extension.</summary>
    public static IReadOnlyDictionary<string, byte[]> CallEnvelopes { get; } = LoadCallEnvelopes();

    /// <summary>The UTF-8 body of one fixture, e.g. <c>call-ended-outbound-780836699</c>.</summary>
    public static byte[] CallEnvelope(string name)
        => CallEnvelopes.TryGetValue(name, out var body)
            ? body
            : throw new ArgumentException($"No webhook fixture named {name}; have {string.Join(", ", CallEnvelopes.Keys)}.", nameof(name));

    /// <summary><c>GET /v1/calls?order=asc&amp;per_page=50</c> from an in-memory simulator (seed 42): the bytes the SDK receives.</summary>
    public static byte[] CallPage(int calls = 50)
    {
        using var simulator = new AircallSimulator(new AircallSimulatorOptions { CallCount = calls, RateLimit = 0 });
        using var http = new HttpClient(simulator.CreateHandler()) { BaseAddress = simulator.BaseAddress };
        http.DefaultRequestHeaders.Authorization = BasicAuth(simulator.DefaultAccount.ApiId, simulator.DefaultAccount.ApiToken);
        var uri = new Uri($"v1/calls?order=asc&per_page={calls}", UriKind.Relative);
        return http.GetByteArrayAsync(uri).GetAwaiter().GetResult();
    }

    public static AuthenticationHeaderValue BasicAuth(string apiId, string apiToken)
        => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(apiId + ":" + apiToken)));

    private static Dictionary<string, byte[]> LoadCallEnvelopes()
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "fixtures", "webhooks");
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The webhook fixtures are missing from {directory}; build the project (it copies tests/fixtures/aircall-samples/webhooks).");
        }

        var envelopes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "call-*.json").Order(StringComparer.Ordinal))
        {
            envelopes[Path.GetFileNameWithoutExtension(file)] = File.ReadAllBytes(file);
        }

        return envelopes;
    }
}
