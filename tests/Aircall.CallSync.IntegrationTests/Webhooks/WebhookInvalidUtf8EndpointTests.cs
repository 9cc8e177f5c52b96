using System.Net;
using System.Text;
using Aircall.CallSync.IntegrationTests.Infrastructure;
using Aircall.CallSync.IntegrationTests.Samples;
using Aircall.CallSync.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.IntegrationTests.Webhooks;

/// <summary>
/// <c>MapAircallWebhook</c> on Kestrel at 127.0.0.1: bodies with bytes that are not UTF-8 (in the envelope's strings,
/// or anywhere, by mutating the real captured deliveries) are answered 400 or 401, never 500.
/// </summary>
public sealed class WebhookInvalidUtf8EndpointTests : IAsyncLifetime
{
    private const string Token = "58ffd2bc5f3113f7bebf210a49299a1b";
    private static readonly string Fixtures = Path.Combine(SampleProcess.RepoRoot, "tests", "fixtures", "aircall-samples", "webhooks");
    private readonly InMemoryCallStore _store = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private WebApplication _app = null!;
    private Uri _endpoint = null!;

    public async ValueTask InitializeAsync()
    {
        (_app, _endpoint) = await LoopbackApp.StartWebhookReceiverAsync(_store, sync => sync.AddWebhooks(o => o.WebhookToken = Token));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _app.DisposeAsync();
    }

    [Theory]
    [InlineData("token")]
    [InlineData("event")]
    [InlineData("resource")]
    public async Task Invalid_UTF8_in_an_envelope_string_is_answered_400(string field)
    {
        var fixture = await File.ReadAllBytesAsync(Path.Combine(Fixtures, "call-ended-outbound-780836699.json"), TestContext.Current.CancellationToken);
        var marker = Encoding.UTF8.GetBytes($"\"{field}\": \"");
        var at = fixture.AsSpan().IndexOf(marker) + marker.Length + 2;
        byte[] body = [.. fixture.AsSpan(0, at), 0xC3, 0x28, .. fixture.AsSpan(at)];

        using var response = await PostAsync(body);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        _store.Count.Should().Be(0);
    }

    [Fact]
    public async Task Mutated_real_deliveries_are_never_answered_500()
    {
        var fixtures = Directory.EnumerateFiles(Fixtures, "*.json").Order(StringComparer.Ordinal).Select(File.ReadAllBytes).ToArray();
        byte[][] invalid = [[0x80], [0xC3, 0x28], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xFF]];
        var random = new Random(1712);
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 300; i++)
        {
            var fixture = fixtures[i % fixtures.Length];
            var at = random.Next(fixture.Length);
            byte[] body = random.Next(3) switch
            {
                0 => [.. fixture.AsSpan(0, at), .. invalid[random.Next(invalid.Length)], .. fixture.AsSpan(at)],
                1 => Replaced(fixture, at, (byte)random.Next(0x80, 0x100)),
                _ => Replaced(fixture, at, (byte)random.Next(256)),
            };

            using var response = await PostAsync(body);
            statuses.Add(response.StatusCode);
        }

        statuses.Should().OnlyContain(s => s == HttpStatusCode.OK || s == HttpStatusCode.BadRequest || s == HttpStatusCode.Unauthorized);
        statuses.Should().Contain(HttpStatusCode.BadRequest);
    }

    private static byte[] Replaced(byte[] body, int at, byte value)
    {
        var copy = (byte[])body.Clone();
        copy[at] = value;
        return copy;
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return await _http.PostAsync(_endpoint, content, TestContext.Current.CancellationToken);
    }
}
