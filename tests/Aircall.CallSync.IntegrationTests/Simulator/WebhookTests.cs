using System.Net;
using System.Text.Json;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.IntegrationTests.Simulator;

public sealed class WebhookTests
{
    private static AircallSimulator Create(RecordingReceiver receiver, int deactivateAfter = 10, double duplicates = 0) => new(new AircallSimulatorOptions
    {
        CallCount = 200,
        RateLimit = 0,
        TimeProvider = new FakeTimeProvider(SimulatorHttp.Start),
        WebhookDeliveryHandler = () => receiver,
        WebhookDeactivateAfterFailures = deactivateAfter,
        WebhookDuplicateRate = duplicates,
    });

    [Fact]
    public async Task Webhooks_can_be_created_read_updated_listed_and_deleted()
    {
        await using var sim = Create(new RecordingReceiver());
        using var http = SimulatorHttp.Client(sim);

        var (status, body) = await http.SendAsync(HttpMethod.Post, "/v1/webhooks", """{"url":"https://example.test/hook","custom_name":"crm","events":["call.ended"]}""");
        status.Should().Be(201);
        var webhook = JsonDocument.Parse(body).RootElement.GetProperty("webhook");
        var id = webhook.GetProperty("webhook_id").GetString()!;
        webhook.GetProperty("token").GetString().Should().MatchRegex("^[0-9a-f]{32}$");
        webhook.GetProperty("active").GetBoolean().Should().BeTrue();

        (await http.GetJsonAsync($"/v1/webhooks/{id}")).GetProperty("webhook").GetProperty("token").GetString()
            .Should().Be(webhook.GetProperty("token").GetString());
        var (_, updated) = await http.SendAsync(HttpMethod.Put, $"/v1/webhooks/{id}?events_action=add", """{"events":["call.tagged"]}""");
        updated.Should().Contain("\"events\":[\"call.ended\",\"call.tagged\"]");
        (await http.SendAsync(HttpMethod.Post, "/v1/webhooks", """{"custom_name":"no url"}""")).Status.Should().Be(400);
        var list = await http.GetJsonAsync("/v1/webhooks");
        list.GetProperty("webhooks").GetArrayLength().Should().Be(1);
        list.GetProperty("meta").GetProperty("total").GetInt32().Should().Be(1);

        (await http.SendAsync(HttpMethod.Delete, $"/v1/webhooks/{id}")).Status.Should().Be(204);
        (await http.SendAsync(HttpMethod.Get, $"/v1/webhooks/{id}")).Status.Should().Be(404);
    }

    [Fact]
    public async Task A_lifecycle_is_delivered_in_order_with_the_webhooks_token_and_ended_30_seconds_after_hungup()
    {
        var receiver = new RecordingReceiver();
        await using var sim = Create(receiver);
        using var http = SimulatorHttp.Client(sim);
        var (_, body) = await http.SendAsync(HttpMethod.Post, "/v1/webhooks", """{"url":"https://example.test/hook"}""");
        var token = JsonDocument.Parse(body).RootElement.GetProperty("webhook").GetProperty("token").GetString();
        var call = sim.DefaultAccount.EnumerateCalls().First(c => c.IsInbound && c.IsAnswered && c.Tags!.Count > 0);

        var attempts = await sim.Webhooks.DeliverLifecycleAsync(call.Id, TestContext.Current.CancellationToken);

        attempts.Should().OnlyContain(a => a.Succeeded && a.Attempt == 1);
        var events = receiver.Received.ToList();
        events.Select(e => e.GetProperty("event").GetString()).Should().StartWith(["call.created", "call.ringing_on_agent", "call.answered"])
            .And.Contain(["call.hungup", "call.ended", "call.tagged"]);
        events.Should().OnlyContain(e => e.GetProperty("token").GetString() == token && e.GetProperty("resource").GetString() == "call"
            && e.GetProperty("data").GetProperty("id").GetInt64() == call.Id);
        var created = events[0].GetProperty("data");
        created.GetProperty("status").GetString().Should().Be("initial");
        created.TryGetProperty("user", out _).Should().BeFalse("nobody has answered an inbound call yet");
        long Timestamp(string name) => events.Single(e => e.GetProperty("event").GetString() == name).GetProperty("timestamp").GetInt64();
        (Timestamp("call.ended") - Timestamp("call.hungup")).Should().Be(30);
        events.Single(e => e.GetProperty("event").GetString() == "call.ended").GetProperty("data").GetProperty("status").GetString().Should().Be("done");
        sim.Webhooks.Deliveries.Should().HaveCount(events.Count);
    }

    [Fact]
    public async Task A_webhook_added_with_a_chosen_token_receives_the_lifecycle_with_that_token()
    {
        var receiver = new RecordingReceiver();
        await using var sim = Create(receiver);
        using var http = SimulatorHttp.Client(sim);
        var call = sim.DefaultAccount.EnumerateCalls().First(c => c.IsAnswered);

        var webhook = sim.DefaultAccount.AddWebhook(new Uri("http://127.0.0.1:5000/aircall/webhook"), "my-test-token");
        await sim.Webhooks.DeliverLifecycleAsync(call.Id, TestContext.Current.CancellationToken);

        webhook.Token.Should().Be("my-test-token");
        webhook.Active.Should().BeTrue();
        receiver.Received.Should().NotBeEmpty().And.OnlyContain(e => e.GetProperty("token").GetString() == "my-test-token");
        sim.Webhooks.Deliveries.Should().OnlyContain(d => d.Url == "http://127.0.0.1:5000/aircall/webhook" && d.WebhookId == webhook.WebhookId);
        var listed = (await http.GetJsonAsync("/v1/webhooks")).GetProperty("webhooks").EnumerateArray().Single();
        listed.GetProperty("token").GetString().Should().Be("my-test-token");
        sim.DefaultAccount.AddWebhook(new Uri("https://example.test/other")).Token.Should().MatchRegex("^[0-9a-f]{32}$", "without a token, one is generated as Aircall does");
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/hook", null)]
    [InlineData("http://127.0.0.1:5000/aircall/webhook", "")]
    [InlineData("http://127.0.0.1:5000/aircall/webhook", " padded ")]
    public async Task A_webhook_needs_an_http_url_and_a_token_without_surrounding_spaces(string url, string? token)
    {
        await using var sim = Create(new RecordingReceiver());

        var act = () => sim.DefaultAccount.AddWebhook(new Uri(url), token);

        act.Should().Throw<ArgumentException>();
        sim.DefaultAccount.GetWebhooks().Should().BeEmpty();
    }

    [Fact]
    public async Task An_account_holds_100_webhooks_at_most_as_on_Aircall()
    {
        await using var sim = Create(new RecordingReceiver());
        for (var i = 0; i < 100; i++)
        {
            sim.DefaultAccount.AddWebhook(new Uri($"http://127.0.0.1:5000/hook/{i}"));
        }

        var act = () => sim.DefaultAccount.AddWebhook(new Uri("http://127.0.0.1:5000/hook/100"));

        act.Should().Throw<InvalidOperationException>().WithMessage("*100 webhooks*");
        sim.DefaultAccount.GetWebhooks().Should().HaveCount(100);
    }

    [Fact]
    public async Task Failed_deliveries_are_retried_and_the_webhook_is_deactivated_after_repeated_failures()
    {
        var receiver = new RecordingReceiver { Status = HttpStatusCode.InternalServerError };
        await using var sim = Create(receiver, deactivateAfter: 5);
        using var http = SimulatorHttp.Client(sim);
        var (_, body) = await http.SendAsync(HttpMethod.Post, "/v1/webhooks", """{"url":"https://example.test/hook"}""");
        var id = JsonDocument.Parse(body).RootElement.GetProperty("webhook").GetProperty("webhook_id").GetString();
        var ct = TestContext.Current.CancellationToken;

        var attempts = await sim.Webhooks.DeliverEventAsync(sim.DefaultAccount.EnumerateCalls().First().Id, "call.ended", ct);
        attempts.Select(a => a.Attempt).Should().Equal(1, 2, 3);
        attempts.Should().OnlyContain(a => !a.Succeeded && a.StatusCode == 500);

        await sim.Webhooks.DeliverEventAsync(sim.DefaultAccount.EnumerateCalls().Last().Id, "call.ended", ct);
        sim.Webhooks.Deliveries.Should().HaveCount(5, "the fifth consecutive failure deactivated the webhook");
        (await http.GetJsonAsync($"/v1/webhooks/{id}")).GetProperty("webhook").GetProperty("active").GetBoolean().Should().BeFalse();
        (await sim.Webhooks.DeliverEventAsync(sim.DefaultAccount.EnumerateCalls().First().Id, "call.archived", ct)).Should().BeEmpty();

        receiver.Status = HttpStatusCode.Accepted;
        (await http.SendAsync(HttpMethod.Put, $"/v1/webhooks/{id}", """{"active":true}""")).Body.Should().Contain("\"active\":true");
        (await sim.Webhooks.DeliverEventAsync(sim.DefaultAccount.EnumerateCalls().First().Id, "call.archived", ct)).Should().ContainSingle(a => a.Succeeded);
    }

    [Fact]
    public async Task Simulated_calls_are_added_and_delivered_with_optional_duplicates()
    {
        var receiver = new RecordingReceiver();
        await using var sim = Create(receiver, duplicates: 0.5);
        using var http = SimulatorHttp.Client(sim);
        await http.SendAsync(HttpMethod.Post, "/v1/webhooks", """{"url":"https://example.test/hook","events":["call.ended"]}""");

        var ids = await sim.Webhooks.SimulateCallsAsync(4, TestContext.Current.CancellationToken);

        ids.Should().HaveCount(4);
        sim.DefaultAccount.CallCount.Should().Be(204);
        var received = receiver.Received.ToList();
        received.Should().OnlyContain(e => e.GetProperty("event").GetString() == "call.ended");
        received.Select(e => e.GetProperty("data").GetProperty("id").GetInt64()).Distinct().Should().BeEquivalentTo(ids);
        sim.Webhooks.Deliveries.Should().Contain(d => d.IsDuplicate);
    }

    [Fact]
    public async Task Deliveries_reach_a_real_receiver_on_127_0_0_1()
    {
        await using var target = new AircallSimulator(new AircallSimulatorOptions { CallCount = 1, RateLimit = 0 });
        var receiverAddress = await target.StartKestrelAsync(TestContext.Current.CancellationToken);
        await using var sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 3, RateLimit = 0 });
        using var http = SimulatorHttp.Client(sim);
        // Any HTTP endpoint will do as a receiver: the other simulator's ping answers 401 without credentials.
        await http.SendAsync(HttpMethod.Post, "/v1/webhooks", $$"""{"url":"{{receiverAddress}}v1/ping"}""");

        var attempts = await sim.Webhooks.DeliverEventAsync(sim.DefaultAccount.EnumerateCalls().First().Id, "call.ended", TestContext.Current.CancellationToken);

        attempts.Should().HaveCount(3).And.OnlyContain(a => a.StatusCode == 401);
        target.Requests.Should().HaveCount(3).And.OnlyContain(r => r.Method == "POST" && r.Path == "/v1/ping");
    }
}
