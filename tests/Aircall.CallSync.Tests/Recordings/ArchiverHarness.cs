using System.Globalization;
using System.Text;
using Aircall.CallSync.Recordings;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Tests.TestSupport;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Recordings;

/// <summary>
/// The SDK registered with webhooks and the recording archiver, MockHttp standing for Aircall's API and for the storage
/// that serves the audio, a fake clock, and a temporary folder as the file-system sink. The worker is driven by hand
/// (<see cref="RunDueAsync"/>), so every test is deterministic.
/// </summary>
internal sealed class ArchiverHarness : IDisposable
{
    internal const string Token = "fake-webhook-token-5e1b";
    internal const string MediaHost = "aircall-media.s3.eu-west-1.amazonaws.com";

    public ArchiverHarness(Action<RecordingArchiverOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        Root = Path.Combine(Path.GetTempPath(), "aircall-archiver-tests", Guid.NewGuid().ToString("N"));
        var collection = new ServiceCollection();
        collection.AddSingleton<TimeProvider>(Time);
        collection.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        collection.AddSingleton<ICallStore>(Calls);
        collection.AddSingleton<IRecordingArchiveStore>(Jobs);
        services?.Invoke(collection);
        var builder = collection.AddAircallCallSync(options =>
        {
            options.BaseAddress = new Uri(MockAircall.BaseUrl);
            options.ApiId = MockAircall.ApiId;
            options.ApiToken = MockAircall.ApiToken;
            options.Resilience.MaxRetryAttempts = 0;
        });
        builder.HttpClient.ConfigurePrimaryHttpMessageHandler(() => Api);
        builder.AddWebhooks(options => options.WebhookToken = Token);
        builder.AddRecordingArchiver(options =>
        {
            options.Directory = Root;
            options.MaxAttempts = 3;
            configure?.Invoke(options);
        });
        collection.AddHttpClient("Aircall.CallSync.Recordings").ConfigurePrimaryHttpMessageHandler(() => Media);
        Services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public MockHttpMessageHandler Api { get; } = new();

    public MockHttpMessageHandler Media { get; } = new();

    public CapturingLoggerProvider Logs { get; } = new();

    public InMemoryCallStore Calls { get; } = new();

    public InMemoryRecordingArchiveStore Jobs { get; } = new();

    public string Root { get; }

    public ServiceProvider Services { get; }

    public AircallWebhookProcessor Processor => Services.GetRequiredService<AircallWebhookProcessor>();

    internal RecordingArchiver Archiver => Services.GetRequiredService<RecordingArchiver>();

    public FileSystemRecordingSink Sink => new(Root);

    /// <summary>A pre-signed S3-style link signed at <paramref name="signedAt"/> (the clock's now by default), valid <paramref name="expires"/> seconds.</summary>
    public string Link(long callId, string signature, DateTimeOffset? signedAt = null, int expires = 600, string host = MediaHost, string scheme = "https")
        => string.Create(CultureInfo.InvariantCulture,
            $"{scheme}://{host}/calls/{callId}/recording.mp3?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=FAKEKEY%2F20260301%2Feu-west-1%2Fs3%2Faws4_request&X-Amz-Date={(signedAt ?? Time.GetUtcNow()):yyyyMMdd'T'HHmmss'Z'}&X-Amz-Expires={expires}&X-Amz-SignedHeaders=host&X-Amz-Signature={signature}");

    /// <summary>A <c>call.ended</c> envelope for a finished call with the given links, stamped now.</summary>
    public byte[] Delivery(long callId, string? recording = null, string? voicemail = null, string eventName = "call.ended", long? timestamp = null)
    {
        var call = CallJson(callId, recording, voicemail);
        var stamp = timestamp ?? Time.GetUtcNow().ToUnixTimeSeconds();
        return Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $$"""{"resource":"call","event":"{{eventName}}","timestamp":{{stamp}},"token":"{{Token}}","data":{{call}}}"""));
    }

    public static string CallJson(long callId, string? recording = null, string? voicemail = null)
        => string.Create(CultureInfo.InvariantCulture,
            $$"""{"id":{{callId}},"direction":"inbound","status":"done","started_at":1772366000,"ended_at":1772366060,"duration":60,"recording":{{Quote(recording)}},"voicemail":{{Quote(voicemail)}}}""");

    /// <summary>Answers <c>GET /v1/calls/{id}</c> with the call and these links.</summary>
    public void ServeCall(long callId, string? recording = null, string? voicemail = null)
        => Api.When(HttpMethod.Get, MockAircall.BaseUrl + "v1/calls/" + callId.ToString(CultureInfo.InvariantCulture))
            .Respond("application/json", "{\"call\":" + CallJson(callId, recording, voicemail) + "}");

    /// <summary>A deterministic "MP3" of <paramref name="length"/> bytes.</summary>
    public static byte[] Audio(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        bytes[0] = 0x49; // "ID3"
        bytes[1] = 0x44;
        bytes[2] = 0x33;
        return bytes;
    }

    public Task<int> RunDueAsync() => Archiver.RunDueAsync(CancellationToken.None);

    public async Task<RecordingArchiveJob> JobAsync(long callId, RecordingKind kind = RecordingKind.Recording, string? accountId = null)
        => (await Jobs.GetAsync(new RecordingArchiveKey(accountId, callId, kind), CancellationToken.None))!;

    /// <summary>Every file under the root, relative, sorted.</summary>
    public IReadOnlyList<string> Files()
        => Directory.Exists(Root)
            ? [.. Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(Root, f)).Order(StringComparer.Ordinal)]
            : [];

    public void Dispose()
    {
        Services.Dispose();
        Api.Dispose();
        Media.Dispose();
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
    }

    private static string Quote(string? value) => value is null ? "null" : System.Text.Json.JsonSerializer.Serialize(value);
}
