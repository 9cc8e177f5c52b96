using System.Net;
using System.Text.Json;
using Aircall.CallSync.Http;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.Time.Testing;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Webhooks;

public sealed class WebhookManagementTests : IDisposable
{
    private static readonly Uri Target = new("https://crm.example.com/aircall/webhook");
    private readonly MockHttpMessageHandler _mock = new();
    private readonly AircallClient _client;

    public WebhookManagementTests()
    {
        var http = _mock.ToHttpClient();
        http.BaseAddress = new Uri("https://api.test/");
        _client = AircallClientFactory.CreateClient(http, AircallClientFactory.CreateRefitSettings(new FakeTimeProvider()), "test");
    }

    public void Dispose() => _mock.Dispose();

    [Fact]
    public async Task Ensure_creates_the_webhook_with_the_call_events_when_no_page_has_it()
    {
        _mock.Expect(HttpMethod.Get, "https://api.test/v1/webhooks").WithQueryString("page", "1")
            .Respond("application/json", Page([Hook("a", "https://other.example.com/hook", true)], next: true));
        _mock.Expect(HttpMethod.Get, "https://api.test/v1/webhooks").WithQueryString("page", "2")
            .Respond("application/json", Page([Hook("b", "https://third.example.com/hook", true)], next: false));
        string? body = null;
        _mock.Expect(HttpMethod.Post, "https://api.test/v1/webhooks")
            .With(request => (body = request.Content!.ReadAsStringAsync().Result) is not null)
            .Respond(HttpStatusCode.Created, "application/json", $$"""{"webhook":{{Hook("new", Target.AbsoluteUri, true, token: "fresh-token-0000")}}}""");

        var webhook = await _client.Webhooks.EnsureWebhookAsync(Target, cancellationToken: TestContext.Current.CancellationToken);

        _mock.VerifyNoOutstandingExpectation();
        webhook.WebhookId.Should().Be("new");
        webhook.Token.Should().Be("fresh-token-0000");
        using var sent = JsonDocument.Parse(body!);
        sent.RootElement.GetProperty("url").GetString().Should().Be(Target.AbsoluteUri);
        sent.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetString()).Should().BeEquivalentTo(AircallWebhookEvents.CallEvents);
    }

    [Fact]
    public async Task Ensure_reactivates_a_disabled_webhook_and_updates_its_events()
    {
        _mock.Expect(HttpMethod.Get, "https://api.test/v1/webhooks")
            .Respond("application/json", Page([Hook("disabled-1", Target.AbsoluteUri, false, events: ["call.created"])], next: false));
        string? body = null;
        _mock.Expect(HttpMethod.Put, "https://api.test/v1/webhooks/disabled-1")
            .With(request => (body = request.Content!.ReadAsStringAsync().Result) is not null)
            .Respond("application/json", $$"""{"webhook":{{Hook("disabled-1", Target.AbsoluteUri, true, token: "kept-token-0000")}}}""");

        var webhook = await _client.Webhooks.EnsureWebhookAsync(Target, ["call.ended"], cancellationToken: TestContext.Current.CancellationToken);

        _mock.VerifyNoOutstandingExpectation();
        webhook.Active.Should().BeTrue();
        using var sent = JsonDocument.Parse(body!);
        sent.RootElement.GetProperty("active").GetBoolean().Should().BeTrue();
        sent.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetString()).Should().Equal("call.ended");
    }

    [Fact]
    public async Task Ensure_changes_nothing_when_the_webhook_is_already_right()
    {
        _mock.Expect(HttpMethod.Get, "https://api.test/v1/webhooks")
            .Respond("application/json", Page([Hook("ok-1", Target.AbsoluteUri + "/", true, events: ["call.ended"], token: "t-0000")], next: false));

        var webhook = await _client.Webhooks.EnsureWebhookAsync(Target, ["call.ended"], cancellationToken: TestContext.Current.CancellationToken);

        _mock.VerifyNoOutstandingExpectation();
        webhook.WebhookId.Should().Be("ok-1");
        webhook.Token.Should().Be("t-0000");
    }

    [Fact]
    public async Task Delete_removes_every_webhook_registered_for_the_url()
    {
        _mock.Expect(HttpMethod.Get, "https://api.test/v1/webhooks")
            .Respond("application/json", Page([Hook("x1", Target.AbsoluteUri, true), Hook("x2", "https://keep.example.com/", true), Hook("x3", Target.AbsoluteUri, false)], next: false));
        _mock.Expect(HttpMethod.Delete, "https://api.test/v1/webhooks/x1").Respond(HttpStatusCode.NoContent);
        _mock.Expect(HttpMethod.Delete, "https://api.test/v1/webhooks/x3").Respond(HttpStatusCode.NoContent);

        var deleted = await _client.Webhooks.DeleteWebhooksAsync(Target, TestContext.Current.CancellationToken);

        deleted.Should().Be(2);
        _mock.VerifyNoOutstandingExpectation();
    }

    private static string Page(string[] hooks, bool next)
        => $$$"""{"webhooks":[{{{string.Join(",", hooks)}}}],"meta":{"count":{{{hooks.Length}}},"next_page_link":{{{(next ? "\"https://api.test/v1/webhooks?page=2\"" : "null")}}}}}""";

    private static string Hook(string id, string url, bool active, string[]? events = null, string? token = null)
        => JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["webhook_id"] = id,
            ["url"] = url,
            ["active"] = active,
            ["events"] = events ?? [.. AircallWebhookEvents.CallEvents],
            ["token"] = token,
        });
}
