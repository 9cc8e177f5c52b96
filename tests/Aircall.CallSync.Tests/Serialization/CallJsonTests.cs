using System.Text;
using System.Text.Json;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;
using Aircall.CallSync.Tests.TestSupport;

namespace Aircall.CallSync.Tests.Serialization;

/// <summary>
/// How the source-generated context reads what Aircall really sends: unknown fields, absent and empty objects, REST
/// and webhook names for the same field, numbers and strings where either turns up.
/// </summary>
public sealed class CallJsonTests
{
    private static Call Parse(string json) => AircallJson.ParseCall(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Unknown_fields_of_any_shape_are_ignored()
    {
        var call = Parse("""
            {"brand_new":{"nested":[1,{"deep":true}]},"id":42,"ai_summary":"text","status":"done",
             "user":{"id":7,"new_user_field":[{"x":1}],"name":"Ann"},"future_list":[[],{}],"duration":20}
            """);

        call.Id.Should().Be(42);
        call.Status.Should().Be(CallStatus.Done);
        call.User!.Id.Should().Be(7);
        call.User.Name.Should().Be("Ann");
        call.Duration.Should().Be(20);
    }

    [Theory]
    [InlineData("""{"id":1,"sid":"CA-rest"}""", "CA-rest", "CA-rest")]
    [InlineData("""{"id":1,"call_uuid":"CA-hook"}""", "CA-hook", "CA-hook")]
    [InlineData("""{"id":1,"sid":"CA-rest","call_uuid":"CA-hook"}""", "CA-rest", "CA-hook")]
    [InlineData("""{"id":1}""", null, null)]
    public void Sid_and_call_uuid_both_land(string json, string? sid, string? callUuid)
    {
        var call = Parse(json);

        call.Sid.Should().Be(sid);
        call.CallUuid.Should().Be(callUuid);
    }

    [Theory]
    [InlineData("participants")]
    [InlineData("conference_participants")]
    public void Participants_land_under_either_name(string name)
    {
        var call = Parse($$"""{"id":1,"{{name}}":[{"type":"user","id":5,"name":"Ann"},{"type":"external","phone_number":"+33 6 12 34 56 78"}]}""");

        call.Participants.Should().HaveCount(2);
        call.ConferenceParticipants.Should().BeSameAs(call.Participants);
        call.Participants![0].Id.Should().Be(5);
        call.Participants[1].PhoneNumber.Should().Be("+33 6 12 34 56 78");
    }

    [Fact]
    public void An_empty_tagged_by_is_an_empty_user_and_absent_objects_are_null()
    {
        var call = Parse("""
            {"id":1,"tags":[{"id":2320081,"name":"Callback Request","tagged_by":{},"tagged_at":1646391384},
                            {"id":2,"name":"API tag","tagged_by":null}]}
            """);

        call.Tags![0].TaggedBy.Should().NotBeNull();
        call.Tags[0].TaggedBy!.Id.Should().BeNull();
        call.Tags[0].TaggedBy!.Name.Should().BeNull();
        call.Tags[0].TaggedAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1646391384));
        call.Tags[1].TaggedBy.Should().BeNull();
        call.User.Should().BeNull();
        call.Number.Should().BeNull();
        call.Contact.Should().BeNull();
        call.Teams.Should().BeNull();
        call.Comments.Should().BeNull();
        call.Participants.Should().BeNull();
    }

    [Fact]
    public void Explicit_nulls_are_null()
    {
        var call = Parse("""
            {"id":1,"direction":null,"answered_at":null,"duration":null,"user":null,"number":null,"contact":null,
             "teams":null,"tags":null,"comments":null,"archived":null,"cost":null,"hangup_cause":null}
            """);

        call.Direction.Should().BeNull();
        call.AnsweredAt.Should().BeNull();
        call.Duration.Should().BeNull();
        call.User.Should().BeNull();
        call.Teams.Should().BeNull();
        call.Archived.Should().BeNull();
        call.Cost.Should().BeNull();
        call.HangupCause.Should().BeNull();
    }

    [Fact]
    public void Loosely_typed_fields_are_read_leniently()
    {
        var call = Parse("""
            {"id":"812","duration":"20","cost":0.0,"hangup_cause":{"code":16},
             "user":{"id":"7","extension":1001},"ivr_options_selected":[{"id":5,"key":"fallback"}]}
            """);

        call.Id.Should().Be(812, "numbers may come quoted");
        call.Duration.Should().Be(20);
        call.Cost.Should().Be("0.0", "the number's text is kept as Aircall wrote it");
        call.HangupCause.Should().BeNull("an object is not a hang-up cause");
        call.User!.Id.Should().Be(7);
        call.User.Extension.Should().Be("1001");
        call.IvrOptionsSelected![0].Id.Should().Be("5");
        call.IvrOptionsSelected[0].Key.Should().Be("fallback");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("\"call\"")]
    [InlineData("{\"id\":1")]
    public void Parsing_something_that_is_not_a_call_throws_JsonException(string json)
    {
        var parse = () => Parse(json);

        parse.Should().Throw<JsonException>();
    }

    [Fact]
    public void A_fixture_call_round_trips_through_the_sdk_shape()
    {
        var original = AircallJson.ParseCall(SampleFiles.WebhookData("call-tagged-inbound-780883160.json"));

        var copy = AircallJson.ParseCall(AircallJson.SerializeCall(original));

        copy.Should().BeEquivalentTo(original, options => options.ComparingByMembers<Call>());
    }

    [Fact]
    public void The_public_options_are_the_tolerant_source_generated_ones()
    {
        AircallJson.Options.Should().BeSameAs(TolerantJson.Options);
        AircallJson.CallTypeInfo.Should().BeSameAs(TolerantJson.Call);
        AircallJson.CallTypeInfo.Options.Should().BeSameAs(AircallJson.Options);
        AircallJson.Options.IsReadOnly.Should().BeTrue();
    }
}
