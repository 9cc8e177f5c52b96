using System.Net;
using System.Text.Json;
using Aircall.CallSync.Api;
using Aircall.CallSync.Models;
using Aircall.CallSync.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Api;

/// <summary>Every <c>/v1/webhooks</c> endpoint through the real factory path, here with OAuth (Bearer) credentials.</summary>
public sealed class WebhooksApiTests : IDisposable
{
    private const string Webhooks = MockAircall.BaseUrl + "v1/webhooks";
    private const string WebhookId = "c2501111-8a69-4342-bb34-bcd6cfe564ab";

    private readonly MockAircall _aircall = new();
    private readonly AircallClient _client;

    public WebhooksApiTests() => _client = _aircall.Client(MockAircall.BearerCredentials);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _aircall.Dispose();

    [Fact]
    public async Task List_sends_paging_parameters_and_reads_the_page()
    {
        _aircall.Http.Expect(HttpMethod.Get, Webhooks)
            .WithExactQueryString("page=2&per_page=50&order=desc")
            .WithHeaders("Authorization", "Bearer " + MockAircall.AccessToken)
            .Respond("application/json", """
                {"webhooks":[{"webhook_id":"a-1","url":"https://one.example.com/","active":true,"events":["call.ended"]},
                             {"webhook_id":"b-2","url":"https://two.example.com/","active":false,"events":[]}],
                 "meta":{"count":2,"total":52,"current_page":2,"per_page":50,"next_page_link":null,
                         "previous_page_link":"https://api.aircall.io/v1/webhooks?page=1&per_page=50"}}
                """);

        var page = await _client.Webhooks.ListAsync(new ListParameters { Page = 2, PerPage = 50, Order = SortOrder.Descending }, Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        page.Webhooks.Select(webhook => webhook.WebhookId).Should().Equal("a-1", "b-2");
        page.Webhooks[1].Active.Should().BeFalse();
        page.Webhooks[1].Events.Should().BeEmpty();
        page.Meta!.PreviousPageLink.Should().Be("https://api.aircall.io/v1/webhooks?page=1&per_page=50");
    }

    [Fact]
    public async Task List_without_parameters_sends_no_query()
    {
        _aircall.Http.Expect(HttpMethod.Get, Webhooks).WithExactQueryString(string.Empty)
            .Respond("application/json", """{"webhooks":[],"meta":{"count":0,"total":0}}""");

        var page = await _client.Webhooks.ListAsync(cancellationToken: Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        page.Webhooks.Should().BeEmpty();
    }

    [Fact]
    public async Task Get_reads_the_webhook_object_of_the_reference()
    {
        _aircall.Http.Expect(HttpMethod.Get, Webhooks + "/0d3e5b1a-3b1a-4c1a-9c1a-0d3e5b1a3b1a")
            .WithHeaders("Authorization", "Bearer " + MockAircall.AccessToken)
            .Respond("application/json", SampleFiles.RestText("python-sdk-tests-payloads-webhook-object-doc-example.json"));

        var envelope = await _client.Webhooks.GetAsync("0d3e5b1a-3b1a-4c1a-9c1a-0d3e5b1a3b1a", Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        envelope.Webhook!.Token.Should().Be("abc123");
        envelope.Webhook.Events.Should().Equal("call.created", "call.ended");
    }

    [Fact]
    public async Task Get_escapes_the_id_so_it_stays_one_path_segment()
    {
        _aircall.Http.Expect(HttpMethod.Get, Webhooks + "/a%2Fb%3Fc")
            .Respond("application/json", """{"webhook":{"webhook_id":"a/b?c"}}""");

        var envelope = await _client.Webhooks.GetAsync("a/b?c", Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        envelope.Webhook!.WebhookId.Should().Be("a/b?c");
        _aircall.Sent.Single().Uri.Query.Should().BeEmpty();
    }

    [Fact]
    public async Task Create_posts_url_name_and_events_and_reads_the_201()
    {
        _aircall.Http.Expect(HttpMethod.Post, Webhooks)
            .WithExactQueryString(string.Empty)
            .WithHeaders("Authorization", "Bearer " + MockAircall.AccessToken)
            .Respond(HttpStatusCode.Created, "application/json", SampleFiles.RestText("hookdeck-webhook-skills-create-webhook-201-response.json"));

        var envelope = await _client.Webhooks.CreateAsync(new WebhookRequest
        {
            Url = "https://my-server.example.com/webhooks/aircall",
            CustomName = "CRM sync",
            Events = ["call.created", "call.answered", "call.ended"],
        }, Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        envelope.Webhook!.WebhookId.Should().Be(WebhookId);
        envelope.Webhook.Token.Should().Be("df76g76dpziygs567f0");
        var sent = _aircall.Sent.Single();
        sent.ContentType.Should().Be("application/json");
        ShouldBeSameJson(sent.Body, """
            {"url":"https://my-server.example.com/webhooks/aircall","custom_name":"CRM sync",
             "events":["call.created","call.answered","call.ended"]}
            """);
    }

    [Fact]
    public async Task Update_puts_the_body_and_sends_events_action_only_when_given()
    {
        _aircall.Http.Expect(HttpMethod.Put, Webhooks + "/" + WebhookId)
            .WithExactQueryString("events_action=add")
            .Respond("application/json", $$$"""{"webhook":{"webhook_id":"{{{WebhookId}}}","active":true}}""");
        _aircall.Http.Expect(HttpMethod.Put, Webhooks + "/" + WebhookId)
            .WithExactQueryString(string.Empty)
            .Respond("application/json", $$$"""{"webhook":{"webhook_id":"{{{WebhookId}}}","active":true}}""");

        var added = await _client.Webhooks.UpdateAsync(WebhookId, new WebhookRequest { Events = ["call.tagged"] }, "add", Ct);
        var reactivated = await _client.Webhooks.UpdateAsync(WebhookId, new WebhookRequest { Active = true }, cancellationToken: Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        added.Webhook!.Active.Should().BeTrue();
        reactivated.Webhook!.WebhookId.Should().Be(WebhookId);
        ShouldBeSameJson(_aircall.Sent[0].Body, """{"events":["call.tagged"]}""");
        ShouldBeSameJson(_aircall.Sent[1].Body, """{"active":true}""");
    }

    [Fact]
    public async Task Delete_sends_a_delete_to_the_webhook_path()
    {
        _aircall.Http.Expect(HttpMethod.Delete, Webhooks + "/" + WebhookId)
            .WithHeaders("Authorization", "Bearer " + MockAircall.AccessToken)
            .Respond(HttpStatusCode.NoContent);

        await _client.Webhooks.DeleteAsync(WebhookId, Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        _aircall.Sent.Single().Method.Should().Be(HttpMethod.Delete);
    }

    private static void ShouldBeSameJson(string? actual, string expected)
    {
        actual.Should().NotBeNull();
        actual.Should().NotContain("null", "unset fields are left out of request bodies");
        using var actualDocument = JsonDocument.Parse(actual!);
        using var expectedDocument = JsonDocument.Parse(expected);
        JsonElement.DeepEquals(actualDocument.RootElement, expectedDocument.RootElement)
            .Should().BeTrue($"the body {actual} should be {expectedDocument.RootElement.GetRawText()}");
    }
}
