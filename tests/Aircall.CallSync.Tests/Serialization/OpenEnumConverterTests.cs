using System.Globalization;
using System.Text;
using System.Text.Json;
using Aircall.CallSync.Models;

namespace Aircall.CallSync.Tests.Serialization;

/// <summary>Open string enums keep values this SDK version does not know, readable and written back unchanged.</summary>
public sealed class OpenEnumConverterTests
{
    [Fact]
    public void Unknown_values_are_kept_and_readable()
    {
        var call = AircallJson.ParseCall("""
            {"id":1,"status":"ringing","direction":"internal","missed_call_reason":"abandoned_in_queue_2027",
             "participants":[{"type":"ai_voice_agent"}]}
            """u8);

        call.Status!.Value.Value.Should().Be("ringing");
        call.Status.Value.IsKnown.Should().BeFalse();
        call.Status.Should().NotBe(CallStatus.Initial).And.NotBe(CallStatus.Answered).And.NotBe(CallStatus.Done);
        call.Direction!.Value.Value.Should().Be("internal");
        call.IsInbound.Should().BeFalse();
        call.IsOutbound.Should().BeFalse();
        call.MissedCallReason!.Value.Value.Should().Be("abandoned_in_queue_2027");
        call.MissedCallReason.Value.IsKnown.Should().BeFalse();
        call.Participants![0].Type!.Value.Value.Should().Be("ai_voice_agent");
        call.Participants[0].Type!.Value.IsKnown.Should().BeFalse();
    }

    [Theory]
    [InlineData("out_of_opening_hours")]
    [InlineData("short_abandoned")]
    [InlineData("abandoned_in_ivr")]
    [InlineData("abandoned_in_classic")]
    [InlineData("abandoned")] // the Smartflows fallback
    [InlineData("no_available_agent")]
    [InlineData("agents_did_not_answer")]
    public void Documented_missed_call_reasons_are_known(string reason)
    {
        var call = AircallJson.ParseCall(Encoding.UTF8.GetBytes($$"""{"id":1,"missed_call_reason":"{{reason}}"}"""));

        call.MissedCallReason!.Value.IsKnown.Should().BeTrue();
        call.MissedCallReason.Value.ToString().Should().Be(reason);
    }

    [Fact]
    public void Known_values_equal_their_static_members()
    {
        var call = AircallJson.ParseCall("""{"id":1,"status":"done","direction":"inbound","participants":[{"type":"contact"}]}"""u8);

        call.Status.Should().Be(CallStatus.Done);
        (call.Status == CallStatus.Done).Should().BeTrue();
        call.Direction.Should().Be(CallDirection.Inbound);
        call.Participants![0].Type.Should().Be(ParticipantType.Contact);
    }

    [Fact]
    public void Comparison_is_ordinal()
    {
        var call = AircallJson.ParseCall("""{"id":1,"status":"Done"}"""u8);

        call.Status.Should().NotBe(CallStatus.Done);
        call.IsDone.Should().BeFalse();
    }

    [Fact]
    public void Null_and_absent_values_are_null_and_numbers_are_read_as_text()
    {
        var call = AircallJson.ParseCall("""{"id":1,"status":null,"direction":2,"missed_call_reason":{"code":"x"}}"""u8);

        call.Status.Should().BeNull();
        call.Direction!.Value.Value.Should().Be("2");
        call.MissedCallReason.Should().BeNull("an object is not a value: the field cannot be read");
        AircallJson.ParseCall("""{"id":1}"""u8).Status.Should().BeNull();
    }

    [Fact]
    public void Unknown_values_are_written_back_unchanged()
    {
        var call = AircallJson.ParseCall("""{"id":1,"status":"ringing","direction":"internal"}"""u8);

        using var written = JsonDocument.Parse(AircallJson.SerializeCall(call));

        written.RootElement.GetProperty("status").GetString().Should().Be("ringing");
        written.RootElement.GetProperty("direction").GetString().Should().Be("internal");
    }

    [Fact]
    public void The_default_value_is_empty_and_unknown()
    {
        default(CallStatus).Value.Should().BeEmpty();
        default(CallStatus).IsKnown.Should().BeFalse();
        default(SortOrder).ToString().Should().BeEmpty();
    }

    [Fact]
    public void Formatting_gives_the_wire_value_in_any_culture()
    {
        string.Format(CultureInfo.GetCultureInfo("tr-TR"), "{0}/{1:G}", CallDirection.Inbound, SortOrder.Descending)
            .Should().Be("inbound/desc");
        ((IFormattable)MissedCallReason.ShortAbandoned).ToString("X", CultureInfo.InvariantCulture).Should().Be("short_abandoned");
    }
}
