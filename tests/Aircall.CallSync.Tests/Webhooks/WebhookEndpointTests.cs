using System.Net;
using System.Text;
using Aircall.CallSync.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Aircall.CallSync.Tests.Webhooks;

public sealed class WebhookEndpointTests : IAsyncLifetime
{
    private readonly InMemoryCallStore _store = new();
    private WebApplication _app = null!;
    private HttpClient _client = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<ICallStore>(_store);
        builder.Services.AddAircallCallSync(_ => { }).AddWebhooks(o =>
        {
            o.WebhookToken = WebhookFixtures.Token;
            o.MaxBodyBytes = 64 * 1024;
        });
        _app = builder.Build();
        _app.MapAircallWebhook("/aircall/webhook");
        await _app.StartAsync();
        _client = _app.GetTestClient();
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Every_captured_delivery_is_answered_200_and_call_events_land_in_the_store()
    {
        foreach (var file in WebhookFixtures.All())
        {
            using var response = await PostAsync(File.ReadAllBytes(file));
            response.StatusCode.Should().Be(HttpStatusCode.OK, because: Path.GetFileName(file));
        }

        _store.Calls.Select(c => c.Call.Id).Should().BeEquivalentTo([780836699L, 780883160L]);
    }

    [Theory]
    [InlineData("wrong token", HttpStatusCode.Unauthorized)]
    [InlineData("truncated", HttpStatusCode.BadRequest)]
    [InlineData("not an object", HttpStatusCode.BadRequest)]
    public async Task Bad_bodies_get_their_status_and_store_nothing(string kind, HttpStatusCode expected)
    {
        var body = kind switch
        {
            "wrong token" => WebhookProcessorTests.Envelope("call.ended", token: "00000000000000000000000000000000"),
            "truncated" => WebhookProcessorTests.Envelope("call.ended")[..50],
            _ => "[]",
        };

        using var response = await PostAsync(Encoding.UTF8.GetBytes(body));

        response.StatusCode.Should().Be(expected);
        _store.Count.Should().Be(0);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("event")]
    [InlineData("resource")]
    public async Task Invalid_UTF8_in_an_envelope_string_is_answered_400_not_500(string field)
    {
        foreach (var sequence in WebhookInvalidUtf8Tests.InvalidSequences)
        {
            var body = WebhookInvalidUtf8Tests.WithInvalidUtf8In(WebhookFixtures.Read("call-ended-outbound-780836699.json"), field, sequence);

            using var response = await PostAsync(body);

            response.StatusCode.Should().Be(HttpStatusCode.BadRequest, $"invalid UTF-8 ({Convert.ToHexString(sequence)}) in \"{field}\"");
        }

        _store.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_10_MB_body_is_refused_with_413_without_being_stored()
    {
        var huge = new byte[10 * 1024 * 1024];
        Encoding.UTF8.GetBytes(WebhookProcessorTests.Envelope("call.ended")).CopyTo(huge, 0);
        huge.AsSpan(400).Fill((byte)' ');

        using var response = await PostAsync(huge);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
        _store.Count.Should().Be(0);
    }

    [Fact]
    public async Task A_chunked_body_over_the_limit_is_refused_with_413()
    {
        var body = Encoding.UTF8.GetBytes(WebhookProcessorTests.Envelope("call.ended").PadRight(100_000));
        using var content = new StreamContent(new MemoryStream(body)); // no Content-Length: read and counted
        content.Headers.ContentLength = null;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/aircall/webhook") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _client.SendAsync(request, TestContext.Current.CancellationToken);

        response.StatusCode.Should().Be(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Start_up_fails_with_a_clear_message_when_no_webhook_token_is_configured()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<ICallStore, InMemoryCallStore>();
        builder.Services.AddAircallCallSync(_ => { }).AddWebhooks();
        await using var app = builder.Build();

        var act = () => app.StartAsync(TestContext.Current.CancellationToken);

        (await act.Should().ThrowAsync<OptionsValidationException>()).WithMessage("*Aircall:WebhookToken*not the API token*");
    }

    [Fact]
    public void Mapping_without_the_webhook_services_says_what_to_register()
    {
        var builder = WebApplication.CreateSlimBuilder();
        var app = builder.Build();

        var act = () => app.MapAircallWebhook();

        act.Should().Throw<InvalidOperationException>().WithMessage("*AddWebhooks()*ICallStore*");
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] body)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new("application/json");
        return await _client.PostAsync("/aircall/webhook", content, TestContext.Current.CancellationToken);
    }
}
