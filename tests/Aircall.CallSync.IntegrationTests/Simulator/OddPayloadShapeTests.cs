using System.Text.Json;
using System.Text.Json.Nodes;
using Aircall.CallSync.IntegrationTests.Infrastructure;
using Aircall.CallSync.Models;
using Aircall.CallSync.Testing;
using Aircall.CallSync.Testing.Http;

namespace Aircall.CallSync.IntegrationTests.Simulator;

/// <summary>The rewriter behind <see cref="AircallSimulatorOptions.OddPayloadRate"/>: which shapes, how they look on the wire, how they read.</summary>
public sealed class OddPayloadShapeTests
{
    private static readonly SimulatorOddShapes[] Singles =
        [.. Enum.GetValues<SimulatorOddShapes>().Where(s => s != SimulatorOddShapes.None && (s & (s - 1)) == 0)];

    public static TheoryData<string> SingleShapes() => [.. Singles.Select(s => s.ToString())];

    [Fact]
    public void Shapes_are_a_pure_function_of_the_seed_and_the_call_id()
    {
        var a = new OddPayloads(42, 0.5, SimulatorOddShapes.All);
        var b = new OddPayloads(42, 0.5, SimulatorOddShapes.All);
        var other = new OddPayloads(43, 0.5, SimulatorOddShapes.All);
        var ids = Enumerable.Range(1, 500).Select(i => 1_000_000L + i).ToList();

        ids.Select(a.ShapesOf).Should().Equal(ids.Select(b.ShapesOf));
        ids.Select(a.ShapesOf).Should().Equal(ids.Select(a.ShapesOf), "asking again gives the same shapes");
        ids.Select(a.ShapesOf).Should().NotEqual(ids.Select(other.ShapesOf), "another seed, other shapes");
    }

    [Theory]
    [InlineData(0.0, 0, 0)]
    [InlineData(0.25, 150, 350)]
    [InlineData(1.0, 1000, 1000)]
    public void The_rate_is_the_share_of_calls_sent_oddly(double rate, int atLeast, int atMost)
    {
        var odd = new OddPayloads(7, rate, SimulatorOddShapes.All);

        var count = Enumerable.Range(1, 1000).Count(id => odd.ShapesOf(id) != SimulatorOddShapes.None);

        count.Should().BeInRange(atLeast, atMost);
        odd.IsOn.Should().Be(rate > 0);
    }

    [Fact]
    public void At_a_rate_of_one_every_shape_appears_each_field_gets_one_shape_at_most_and_each_call_changes()
    {
        var odd = new OddPayloads(42, 1.0, SimulatorOddShapes.All);
        var shapes = Enumerable.Range(1, 2000).Select(id => odd.ShapesOf(id)).ToList();

        foreach (var single in Singles)
        {
            shapes.Should().Contain(s => s.HasFlag(single), $"{single} is one of the shapes");
        }

        const SimulatorOddShapes archived = SimulatorOddShapes.ArchivedAsString | SimulatorOddShapes.ArchivedAsNumber | SimulatorOddShapes.ArchivedAsNumericString;
        const SimulatorOddShapes duration = SimulatorOddShapes.DurationAsDecimal | SimulatorOddShapes.DurationAsString;
        const SimulatorOddShapes always = archived | duration | SimulatorOddShapes.NestedBooleansAsStrings | SimulatorOddShapes.UnknownFields;
        shapes.Should().OnlyContain(s => CountBits(s & archived) <= 1 && CountBits(s & duration) <= 1);
        shapes.Should().OnlyContain(s => (s & always) != 0, "every call has these fields, so every call is sent oddly");
    }

    [Fact]
    public void Only_the_chosen_shapes_are_used()
    {
        var lossless = new OddPayloads(42, 1.0, SimulatorOddShapes.Lossless);
        var teams = new OddPayloads(42, 1.0, SimulatorOddShapes.TeamsAsObject);
        var none = new OddPayloads(42, 1.0, SimulatorOddShapes.None);

        Enumerable.Range(1, 1000).Select(id => lossless.ShapesOf(id)).Should().OnlyContain(s => s != SimulatorOddShapes.None && (s & ~SimulatorOddShapes.Lossless) == 0);
        Enumerable.Range(1, 1000).Select(id => teams.ShapesOf(id)).Should().OnlyContain(s => s == SimulatorOddShapes.TeamsAsObject);
        none.IsOn.Should().BeFalse();
        none.ShapesOf(1).Should().Be(SimulatorOddShapes.None);
    }

    [Theory]
    [MemberData(nameof(SingleShapes))]
    public void Each_shape_changes_the_json_as_documented_and_reads_as_documented(string name)
    {
        var shape = Enum.Parse<SimulatorOddShapes>(name);
        var truth = RichCall();
        var documented = JsonNode.Parse(AircallJson.SerializeCall(truth))!.AsObject();
        var odd = documented.DeepClone().AsObject();

        OddPayloads.Rewrite(odd, shape, truth.Id);

        odd.ToJsonString().Should().NotBe(documented.ToJsonString(), $"{shape} changes the payload");
        switch (shape)
        {
            case SimulatorOddShapes.ArchivedAsString:
                odd["archived"]!.GetValueKind().Should().Be(JsonValueKind.String);
                odd["archived"]!.GetValue<string>().Should().Be("true");
                break;
            case SimulatorOddShapes.ArchivedAsNumber:
                odd["archived"]!.ToJsonString().Should().Be("1");
                break;
            case SimulatorOddShapes.ArchivedAsNumericString:
                odd["archived"]!.ToJsonString().Should().Be("\"1\"");
                break;
            case SimulatorOddShapes.DurationAsDecimal:
                odd["duration"]!.ToJsonString().Should().Be($"{truth.Duration}.0");
                break;
            case SimulatorOddShapes.DurationAsString:
                odd["duration"]!.ToJsonString().Should().Be($"\"{truth.Duration}\"");
                break;
            case SimulatorOddShapes.NestedBooleansAsStrings:
                odd["user"]!["available"]!.GetValueKind().Should().Be(JsonValueKind.String);
                odd["number"]!["live_recording_activated"]!.GetValueKind().Should().Be(JsonValueKind.String);
                odd["contact"]!["is_shared"]!.ToJsonString().Should().Be("\"true\"");
                odd["archived"]!.GetValueKind().Should().Be(JsonValueKind.True, "the call's own boolean is another shape");
                odd.Remove("archived");
                odd.ToJsonString().Should().NotContain(":true").And.NotContain(":false");
                odd["archived"] = true;
                break;
            case SimulatorOddShapes.UnknownFields:
                odd["sim_score"]!.GetValueKind().Should().Be(JsonValueKind.Number);
                odd["sim_insights"].Should().BeOfType<JsonObject>();
                odd["sim_segments"].Should().BeOfType<JsonArray>();
                odd["user"]!["sim_presence"].Should().BeOfType<JsonObject>();
                odd["number"]!["sim_presence"].Should().BeOfType<JsonObject>();
                break;
            case SimulatorOddShapes.UserAsId:
                odd["user"]!.ToJsonString().Trim('"').Should().Be(truth.User!.Id!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case SimulatorOddShapes.ContactAsId:
                odd["contact"]!.ToJsonString().Trim('"').Should().Be(truth.Contact!.Id!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case SimulatorOddShapes.TeamsAsObject:
                odd["teams"]!.ToJsonString().Should().Be("{}");
                break;
            case SimulatorOddShapes.TagsAsString:
                odd["tags"]!.GetValue<string>().Should().Be(string.Join(", ", truth.Tags!.Select(t => t.Name)));
                break;
            default:
                throw new InvalidOperationException($"{shape} has no assertion: add one");
        }

        var read = AircallJson.ParseCall(System.Text.Encoding.UTF8.GetBytes(odd.ToJsonString()));
        read.ShouldBeTruthReadThrough(truth, shape);
        if ((shape & SimulatorOddShapes.Lossless) != 0)
        {
            AircallJson.SerializeCall(read).Should().Equal(AircallJson.SerializeCall(truth), "a lossless shape reads back as the truth");
        }
    }

    [Fact]
    public void Bare_ids_are_numbers_for_even_call_ids_and_strings_for_odd_ones()
    {
        var truth = RichCall();
        var json = JsonNode.Parse(AircallJson.SerializeCall(truth))!.AsObject();
        OddPayloads.Rewrite(json, SimulatorOddShapes.UserAsId | SimulatorOddShapes.ContactAsId, truth.Id);

        var expected = (truth.Id & 1) == 1 ? JsonValueKind.String : JsonValueKind.Number;
        json["user"]!.GetValueKind().Should().Be(expected);
        json["contact"]!.GetValueKind().Should().Be(expected);
    }

    [Fact]
    public void A_shape_leaves_a_field_that_is_absent_or_null_alone()
    {
        var json = new JsonObject { ["id"] = 3, ["status"] = "initial", ["contact"] = null };

        OddPayloads.Rewrite(json, SimulatorOddShapes.UserAsId | SimulatorOddShapes.ContactAsId | SimulatorOddShapes.TeamsAsObject | SimulatorOddShapes.TagsAsString, 3);

        json.ToJsonString().Should().Be("""{"id":3,"status":"initial","contact":null}""");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_rate_outside_zero_to_one_is_refused(double rate)
    {
        var act = () => new AircallSimulator(new AircallSimulatorOptions { OddPayloadRate = rate, CallCount = 0 });

        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*OddPayloadRate*");
    }

    [Fact]
    public async Task Over_http_pages_single_calls_and_archive_responses_carry_the_shapes_while_the_truth_stays_typed()
    {
        await using var sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 300, RateLimit = 0, OddPayloadRate = 1 });
        using var http = SimulatorHttp.Client(sim);
        var seen = SimulatorOddShapes.None;

        for (var page = 1; page <= 6; page++)
        {
            var body = await http.GetJsonAsync($"/v1/calls?per_page=50&page={page}");
            foreach (var call in body.GetProperty("calls").EnumerateArray())
            {
                var id = call.GetProperty("id").GetInt64();
                var shapes = sim.OddShapesOf(id);
                shapes.Should().NotBe(SimulatorOddShapes.None);
                AssertWireShapes(call, shapes, sim.DefaultAccount.GetCall(id)!);
                seen |= shapes;
            }
        }

        seen.Should().Be(SimulatorOddShapes.All, "300 calls show every shape");
        var first = sim.DefaultAccount.EnumerateCalls().First();
        var single = (await http.GetJsonAsync($"/v1/calls/{first.Id}")).GetProperty("call");
        AssertWireShapes(single, sim.OddShapesOf(first.Id), first);
        var (status, archivedBody) = await http.SendAsync(HttpMethod.Put, $"/v1/calls/{first.Id}/archive");
        status.Should().Be(200);
        AssertWireShapes(JsonDocument.Parse(archivedBody).RootElement.GetProperty("call"), sim.OddShapesOf(first.Id), sim.DefaultAccount.GetCall(first.Id)!);

        var truth = sim.DefaultAccount.GetCall(first.Id)!;
        truth.Archived.Should().BeTrue("the simulator's truth is the typed call");
        var truthJson = JsonNode.Parse(AircallJson.SerializeCall(truth))!;
        truthJson["archived"]!.GetValueKind().Should().Be(JsonValueKind.True);
        truthJson["sim_score"].Should().BeNull();
    }

    [Fact]
    public async Task Webhook_envelopes_carry_the_shapes()
    {
        var receiver = new RecordingReceiver();
        await using var sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 0, OddPayloadRate = 1, Seed = 5, WebhookDeliveryHandler = () => receiver });
        using var http = SimulatorHttp.Client(sim);
        var (status, _) = await http.SendAsync(HttpMethod.Post, "/v1/webhooks", """{"url":"https://example.test/hook"}""");
        status.Should().Be(201);

        var ids = await sim.Webhooks.SimulateCallsAsync(20, TestContext.Current.CancellationToken);

        sim.Webhooks.Deliveries.Should().HaveCountGreaterThan(20).And.OnlyContain(d => d.Succeeded);
        receiver.Received.Should().HaveCount(sim.Webhooks.Deliveries.Count);
        foreach (var delivery in sim.Webhooks.Deliveries)
        {
            var data = JsonDocument.Parse(delivery.Body).RootElement.GetProperty("data");
            var shapes = sim.OddShapesOf(delivery.CallId);
            shapes.Should().NotBe(SimulatorOddShapes.None);
            AssertWireShapes(data, shapes, truth: null);
        }

        ids.Should().HaveCount(20);
    }

    /// <summary>The wire JSON of a call has the JSON types its shapes name.</summary>
    private static void AssertWireShapes(JsonElement call, SimulatorOddShapes shapes, Call? truth)
    {
        var id = call.GetProperty("id").GetInt64();
        var because = $"call {id} has {shapes}";
        var archived = call.GetProperty("archived");
        var archivedKind = shapes.HasFlag(SimulatorOddShapes.ArchivedAsNumber) ? JsonValueKind.Number
            : shapes.HasFlag(SimulatorOddShapes.ArchivedAsString) || shapes.HasFlag(SimulatorOddShapes.ArchivedAsNumericString) ? JsonValueKind.String
            : archived.ValueKind is JsonValueKind.True or JsonValueKind.False ? archived.ValueKind : JsonValueKind.Undefined;
        archived.ValueKind.Should().Be(archivedKind, because);
        var duration = call.GetProperty("duration");
        if (shapes.HasFlag(SimulatorOddShapes.DurationAsDecimal))
        {
            duration.GetRawText().Should().EndWith(".0", because);
        }
        else if (shapes.HasFlag(SimulatorOddShapes.DurationAsString))
        {
            duration.ValueKind.Should().Be(JsonValueKind.String, because);
        }
        else
        {
            duration.GetRawText().Should().MatchRegex("^[0-9]+$", because);
        }

        call.TryGetProperty("sim_insights", out _).Should().Be(shapes.HasFlag(SimulatorOddShapes.UnknownFields), because);
        if (shapes.HasFlag(SimulatorOddShapes.NestedBooleansAsStrings))
        {
            call.GetProperty("number").GetProperty("live_recording_activated").ValueKind.Should().Be(JsonValueKind.String, because);
        }
        else
        {
            call.GetProperty("number").GetProperty("live_recording_activated").ValueKind.Should().BeOneOf([JsonValueKind.True, JsonValueKind.False], because);
        }

        if (call.TryGetProperty("user", out var user))
        {
            (user.ValueKind is JsonValueKind.Number or JsonValueKind.String).Should().Be(shapes.HasFlag(SimulatorOddShapes.UserAsId), because);
        }

        if (call.TryGetProperty("contact", out var contact))
        {
            (contact.ValueKind is JsonValueKind.Number or JsonValueKind.String).Should().Be(shapes.HasFlag(SimulatorOddShapes.ContactAsId), because);
        }

        call.GetProperty("teams").ValueKind.Should().Be(shapes.HasFlag(SimulatorOddShapes.TeamsAsObject) ? JsonValueKind.Object : JsonValueKind.Array, because);
        call.GetProperty("tags").ValueKind.Should().Be(shapes.HasFlag(SimulatorOddShapes.TagsAsString) ? JsonValueKind.String : JsonValueKind.Array, because);
        if (truth is not null)
        {
            (user.ValueKind != JsonValueKind.Undefined).Should().Be(truth.User is not null, because);
            (contact.ValueKind != JsonValueKind.Undefined).Should().Be(truth.Contact is not null, because);
        }
    }

    private static int CountBits(SimulatorOddShapes shapes) => System.Numerics.BitOperations.PopCount((uint)shapes);

    /// <summary>A call with every field a shape changes: archived, a user, a contact, teams and tags.</summary>
    private static Call RichCall()
    {
        using var sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 2000, Seed = 42 });
        return sim.DefaultAccount.EnumerateCalls().First(c =>
            c.Archived == true && c.User is not null && c.Contact is not null && c.Teams is { Count: > 0 } && c.Tags is { Count: > 0 }
            && c.Duration > 0 && c.Number?.LiveRecordingActivated is not null);
    }
}
