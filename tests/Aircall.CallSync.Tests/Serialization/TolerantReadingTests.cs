using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Tests.TestSupport;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.Logging;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Serialization;

/// <summary>
/// A field whose JSON type is not the documented one costs that field, never the call: the real captured deliveries,
/// with one field changed at a time, read through every path that reads a call.
/// </summary>
public sealed class TolerantReadingTests
{
    private const string Fixture = "call-ended-outbound-780836699.json";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("true", true)]
    [InlineData("false", false)]
    [InlineData("\"true\"", true)]
    [InlineData("\"false\"", false)]
    [InlineData("\"TRUE\"", true)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("\"1\"", true)]
    [InlineData("\"0\"", false)]
    [InlineData("null", null)]
    [InlineData("\"maybe\"", null)]
    [InlineData("{}", null)]
    [InlineData("[true]", null)]
    public void Booleans_accept_their_usual_spellings(string json, bool? expected)
    {
        var call = ParseWith("archived", json);

        call.Id.Should().Be(WebhookFixtures.OutboundCallId);
        call.Archived.Should().Be(expected);
    }

    [Theory]
    [InlineData("20", 20L)]
    [InlineData("20.0", 20L)]
    [InlineData("\"20\"", 20L)]
    [InlineData("\"20.0\"", 20L)]
    [InlineData("2e1", 20L)]
    [InlineData("20.4", 20L)]
    [InlineData("20.5", 21L)] // halves away from zero, as the docs say
    [InlineData("\"twenty\"", null)]
    [InlineData("{}", null)]
    [InlineData("[]", null)]
    [InlineData("true", null)]
    [InlineData("1e300", null)]
    public void Integers_accept_integral_decimals_and_numeric_strings_and_round_the_rest(string json, long? expected)
    {
        ParseWith("duration", json).Duration.Should().Be(expected);
    }

    [Theory]
    [InlineData("\"780836699\"", 780836699L)]
    [InlineData("780836699.0", 780836699L)]
    [InlineData("780836699.5", 0L)]
    [InlineData("\"abc\"", 0L)]
    [InlineData("{}", 0L)]
    public void A_call_id_must_be_integral(string json, long expected)
    {
        ParseWith("id", json).Id.Should().Be(expected, "a rounded id would name another call");
    }

    [Fact]
    public void Nested_objects_given_as_a_bare_id_keep_the_id()
    {
        var call = Parse(data =>
        {
            data["contact"] = 12345;
            data["user"] = "777";
            data["assigned_to"] = 778;
            data["number"] = 404821;
            data["teams"] = new JsonArray(5, "6", new JsonObject { ["id"] = 7, ["name"] = "Support" });
        });

        call.Contact!.Id.Should().Be(12345);
        call.User!.Id.Should().Be(777);
        call.User.Name.Should().BeNull();
        call.AssignedTo!.Id.Should().Be(778);
        call.Number!.Id.Should().Be(404821);
        call.Teams!.Select(t => t.Id).Should().Equal(5L, 6L, 7L);
        call.Teams![2].Name.Should().Be("Support");
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("{\"id\":1}")]
    [InlineData("12")]
    [InlineData("\"support\"")]
    [InlineData("true")]
    public void A_list_given_an_object_or_a_scalar_reads_as_absent(string json)
    {
        var call = ParseWith("comments", json);

        call.Comments.Should().BeNull();
        call.Status.Should().Be(CallStatus.Done, "the rest of the call is read");
    }

    [Fact]
    public void Unreadable_list_elements_are_dropped_and_the_rest_kept()
    {
        var call = Parse(data => data["tags"] = JsonNode.Parse("""[null, {"id": 1, "name": "VIP"}, "x", [], {"id": {}, "name": "broken id"}]"""));

        call.Tags!.Select(t => t.Name).Should().Equal("VIP", "broken id");
        call.Tags![1].Id.Should().BeNull();
    }

    [Fact]
    public void Strings_take_numbers_and_booleans_as_their_text_and_lose_objects()
    {
        var call = Parse(data =>
        {
            data["raw_digits"] = 33123456789;
            data["direct_link"] = true;
            data["asset"] = new JsonObject { ["url"] = "x" };
            data["direction"] = new JsonArray();
            data["started_at"] = "yesterday";
        });

        call.RawDigits.Should().Be("33123456789");
        call.DirectLink.Should().Be("true");
        call.Asset.Should().BeNull();
        call.Direction.Should().BeNull();
        call.StartedAt.Should().BeNull();
        call.AnsweredAt.Should().NotBeNull();
    }

    [Fact]
    public void Every_unreadable_field_is_counted_by_name_never_by_value()
    {
        using var counter = new MetricTags("aircall.callsync.fields.unreadable", "field");

        Parse(data =>
        {
            data["archived"] = "SECRET-VALUE";
            data["teams"] = new JsonObject();
            data["user"] = new JsonObject { ["available"] = new JsonArray() };
        });

        counter.Values.Should().BeEquivalentTo(["call.archived", "call.teams", "user.available"]);
        counter.Values.Should().NotContain(f => f.Contains("SECRET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_unreadable_field_is_logged_once_by_name()
    {
        var logs = new CapturingLoggerProvider();
        using var loggers = LoggerFactory.Create(builder => builder.AddProvider(logs));
        var processor = new AircallWebhookProcessor(
            new InMemoryCallStore(), new StaticWebhookTokenResolver([WebhookFixtures.Token]), logger: loggers.CreateLogger<AircallWebhookProcessor>());
        var envelope = JsonNode.Parse(WebhookFixtures.Read(Fixture))!;
        envelope["data"]!["number"]!["messages"]!["callback_later"] = new JsonObject { ["url"] = "SECRET-URL" };
        var body = Encoding.UTF8.GetBytes(envelope.ToJsonString());

        for (var i = 0; i < 3; i++)
        {
            (await processor.ProcessAsync(body, Ct)).Outcome.Should().Be(WebhookOutcome.Stored);
        }

        logs.Entries.Where(e => e.Contains("number_messages.callback_later", StringComparison.Ordinal)).Should().ContainSingle();
        logs.Entries.Should().NotContain(e => e.Contains("SECRET-URL", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("archived", "\"false\"")]
    [InlineData("archived", "0")]
    [InlineData("duration", "20.5")]
    [InlineData("teams", "{}")]
    [InlineData("contact", "12345")]
    [InlineData("user", "777")]
    [InlineData("tags", "\"vip\"")]
    [InlineData("number", "[1,2]")]
    public async Task A_webhook_with_an_oddly_typed_field_is_stored(string field, string json)
    {
        var store = new InMemoryCallStore();
        var processor = new AircallWebhookProcessor(store, new StaticWebhookTokenResolver([WebhookFixtures.Token]));
        var envelope = JsonNode.Parse(WebhookFixtures.Read(Fixture))!;
        envelope["data"]![field] = JsonNode.Parse(json);

        var result = await processor.ProcessAsync(Encoding.UTF8.GetBytes(envelope.ToJsonString()), Ct);

        result.Outcome.Should().Be(WebhookOutcome.Stored, result.Message);
        store.Find(WebhookFixtures.OutboundCallId)!.Call.Status.Should().Be(CallStatus.Done);
    }

    [Theory]
    [InlineData("\"abc\"")]
    [InlineData("{}")]
    [InlineData("780836699.5")]
    public async Task A_webhook_without_a_usable_call_id_is_still_a_400(string id)
    {
        var processor = new AircallWebhookProcessor(new InMemoryCallStore(), new StaticWebhookTokenResolver([WebhookFixtures.Token]));
        var envelope = JsonNode.Parse(WebhookFixtures.Read(Fixture))!;
        envelope["data"]!["id"] = JsonNode.Parse(id);

        var result = await processor.ProcessAsync(Encoding.UTF8.GetBytes(envelope.ToJsonString()), Ct);

        result.Outcome.Should().Be(WebhookOutcome.Malformed);
        result.StatusCode.Should().Be(400);
    }

    [Fact]
    public async Task A_page_with_oddly_typed_fields_and_an_unreadable_call_keeps_every_other_call()
    {
        using var aircall = new MockAircall();
        var calls = new JsonArray();
        for (var id = 1; id <= 5; id++)
        {
            var call = JsonNode.Parse(SampleFiles.WebhookData(Fixture))!;
            call["id"] = id;
            call["started_at"] = 1_700_000_000 + id;
            calls.Add(call);
        }

        calls[1]!["archived"] = "true";
        calls[2]!["teams"] = new JsonObject();
        calls[3]!["contact"] = 99;
        calls.Insert(4, "not a call");
        var page = new JsonObject { ["calls"] = calls, ["meta"] = new JsonObject { ["count"] = 6, ["total"] = 5, ["next_page_link"] = null } };
        aircall.Http.When(HttpMethod.Get, MockAircall.BaseUrl + "v1/calls").Respond("application/json", page.ToJsonString());

        var listed = new List<Call>();
        await foreach (var call in aircall.Client().GetCallsAsync().WithCancellation(Ct))
        {
            listed.Add(call);
        }

        listed.Select(c => c.Id).Should().Equal(1L, 2L, 3L, 4L, 5L);
        listed[1].Archived.Should().BeTrue();
        listed[2].Teams.Should().BeNull();
        listed[3].Contact!.Id.Should().Be(99);
    }

    [Fact]
    public async Task Get_call_reads_tolerantly_too()
    {
        using var aircall = new MockAircall();
        var call = JsonNode.Parse(SampleFiles.WebhookData(Fixture))!;
        call["archived"] = 1;
        call["duration"] = "20.0";
        aircall.Http.When(HttpMethod.Get, MockAircall.BaseUrl + "v1/calls/780836699")
            .Respond(HttpStatusCode.OK, "application/json", new JsonObject { ["call"] = call }.ToJsonString());

        var fetched = (await aircall.Client().Calls.GetAsync(WebhookFixtures.OutboundCallId, cancellationToken: Ct)).Call!;

        fetched.Archived.Should().BeTrue();
        fetched.Duration.Should().Be(20);
    }

    [Fact]
    public void Every_captured_call_reads_the_same_as_with_the_generated_metadata()
    {
        foreach (var file in SampleFiles.CallWebhooks())
        {
            var data = SampleFiles.WebhookData(file);
            var tolerant = AircallJson.ParseCall(data);
            var strict = System.Text.Json.JsonSerializer.Deserialize(data, AircallJsonContext.Default.Call)!;

            tolerant.Should().BeEquivalentTo(strict, options => options.ComparingByMembers<Call>(), file);
        }
    }

    private static Call ParseWith(string field, string json) => Parse(data => data[field] = JsonNode.Parse(json));

    private static Call Parse(Action<JsonObject> change)
    {
        var data = JsonNode.Parse(SampleFiles.WebhookData(Fixture))!.AsObject();
        change(data);
        return AircallJson.ParseCall(Encoding.UTF8.GetBytes(data.ToJsonString()));
    }
}
