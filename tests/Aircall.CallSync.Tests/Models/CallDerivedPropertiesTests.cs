using Aircall.CallSync.Models;

namespace Aircall.CallSync.Tests.Models;

/// <summary>
/// The outcome and durations derived from a call's state, over the kinds of calls real traffic has. Status is a
/// lifecycle state, not an outcome: missed, voicemail and talk time come from the timestamps and the missed reason.
/// </summary>
public sealed class CallDerivedPropertiesTests
{
    private static readonly DateTimeOffset Start = DateTimeOffset.FromUnixTimeSeconds(1_646_391_174);

    private static DateTimeOffset At(int seconds) => Start.AddSeconds(seconds);

    [Fact]
    public void An_answered_inbound_call()
    {
        var call = new Call
        {
            Id = 1, Direction = CallDirection.Inbound, Status = CallStatus.Done, RawDigits = "+44 330 818 6690",
            StartedAt = Start, AnsweredAt = At(15), EndedAt = At(208), Duration = 208,
        };

        call.IsMissed.Should().BeFalse();
        call.IsAnswered.Should().BeTrue();
        call.IsDone.Should().BeTrue();
        call.IsInbound.Should().BeTrue();
        call.IsOutbound.Should().BeFalse();
        call.IsAnonymous.Should().BeFalse();
        call.HasVoicemail.Should().BeFalse();
        call.WaitingDuration.Should().Be(TimeSpan.FromSeconds(15));
        call.InCallDuration.Should().Be(TimeSpan.FromSeconds(193), "talk time is ended_at - answered_at");
        call.TotalDuration.Should().Be(TimeSpan.FromSeconds(208)).And.Be(TimeSpan.FromSeconds(call.Duration!.Value));
    }

    [Fact]
    public void An_inbound_call_done_unanswered_and_without_a_missed_reason_is_named_apart()
    {
        var call = new Call
        {
            Id = 3, Direction = CallDirection.Inbound, Status = CallStatus.Done, RawDigits = "+1 800-123-4567",
            StartedAt = Start, EndedAt = At(4), Duration = 4, Archived = true,
        };

        call.IsMissed.Should().BeFalse("Aircall gave no reason");
        call.IsAnswered.Should().BeFalse();
        call.IsUnansweredWithoutMissedReason.Should().BeTrue();
    }

    [Theory]
    [InlineData("inbound", "done", true, "")] // answered
    [InlineData("inbound", "done", false, "short_abandoned")] // missed, with a reason
    [InlineData("outbound", "done", false, "")] // nobody picked up an outbound call
    [InlineData("inbound", "initial", false, "")] // still ringing
    public void Other_calls_are_not_that_case(string direction, string status, bool answered, string reason)
    {
        var call = new Call
        {
            Id = 4, Direction = new CallDirection(direction), Status = new CallStatus(status), StartedAt = Start,
            AnsweredAt = answered ? At(5) : null, EndedAt = At(30), MissedCallReason = reason.Length == 0 ? (MissedCallReason?)null : new MissedCallReason(reason),
        };

        call.IsUnansweredWithoutMissedReason.Should().BeFalse();
    }

    [Fact]
    public void A_missed_inbound_call_without_voicemail()
    {
        var call = new Call
        {
            Id = 2, Direction = CallDirection.Inbound, Status = CallStatus.Done, RawDigits = "+1 800-123-4567",
            StartedAt = Start, EndedAt = At(25), Duration = 25, MissedCallReason = MissedCallReason.AgentsDidNotAnswer,
        };

        call.IsMissed.Should().BeTrue();
        call.IsAnswered.Should().BeFalse();
        call.HasVoicemail.Should().BeFalse();
        call.WaitingDuration.Should().BeNull("nobody answered");
        call.InCallDuration.Should().BeNull();
        call.TotalDuration.Should().Be(TimeSpan.FromSeconds(25));
    }

    [Theory]
    [InlineData("https://aircall-voicemails.s3.amazonaws.com/780883160.mp3?X-Amz-Expires=600", null)]
    [InlineData(null, "https://short-urls.aircall.io/v1/4f1d2c")]
    public void A_call_that_went_to_voicemail(string? voicemail, string? voicemailShortUrl)
    {
        var call = new Call
        {
            Id = 3, Direction = CallDirection.Inbound, Status = CallStatus.Done, RawDigits = "+33 6 12 34 56 78",
            StartedAt = Start, EndedAt = At(70), MissedCallReason = MissedCallReason.AgentsDidNotAnswer,
            Voicemail = voicemail, VoicemailShortUrl = voicemailShortUrl,
        };

        call.HasVoicemail.Should().BeTrue();
        call.IsMissed.Should().BeTrue("a voicemail is left on a call nobody answered");
        call.InCallDuration.Should().BeNull();
        call.TotalDuration.Should().Be(TimeSpan.FromSeconds(70));
    }

    [Fact]
    public void An_ongoing_outbound_call()
    {
        var call = new Call
        {
            Id = 4, Direction = CallDirection.Outbound, Status = CallStatus.Answered, RawDigits = "+43 720 880079",
            StartedAt = Start, AnsweredAt = At(5), Duration = 0,
        };

        call.IsOutbound.Should().BeTrue();
        call.IsInbound.Should().BeFalse();
        call.IsMissed.Should().BeFalse();
        call.IsDone.Should().BeFalse();
        call.WaitingDuration.Should().Be(TimeSpan.FromSeconds(5));
        call.InCallDuration.Should().BeNull("the call has not ended");
        call.TotalDuration.Should().BeNull();
    }

    [Fact]
    public void A_ringing_call_is_not_missed_yet_even_with_a_reason()
    {
        var call = new Call { Id = 5, Status = CallStatus.Initial, StartedAt = Start, MissedCallReason = MissedCallReason.ShortAbandoned };

        call.IsMissed.Should().BeFalse();
        call.WaitingDuration.Should().BeNull();
    }

    [Fact]
    public void A_done_call_with_an_unknown_reason_is_missed_and_an_empty_reason_is_not()
    {
        new Call { Id = 6, Status = CallStatus.Done, MissedCallReason = new MissedCallReason("abandoned_in_queue_2027") }
            .IsMissed.Should().BeTrue();
        new Call { Id = 7, Status = CallStatus.Done, MissedCallReason = new MissedCallReason(string.Empty) }
            .IsMissed.Should().BeFalse();
    }

    [Theory]
    [InlineData("anonymous", true)]
    [InlineData("Anonymous", true)]
    [InlineData(" anonymous ", true)]
    [InlineData("", true)]
    [InlineData(null, true)]
    [InlineData("+44 330 818 6690", false)]
    [InlineData("+1 800-123-4567", false)]
    public void Anonymous_callers(string? rawDigits, bool anonymous)
    {
        var call = new Call { Id = 8, Direction = CallDirection.Inbound, RawDigits = rawDigits };

        call.IsAnonymous.Should().Be(anonymous);
    }

    [Fact]
    public void An_anonymous_missed_call_without_user_number_or_contact()
    {
        var call = AircallJson.ParseCall("""
            {"id":9,"direction":"inbound","status":"done","raw_digits":"anonymous","started_at":1646391174,
             "ended_at":1646391180,"missed_call_reason":"short_abandoned","answered_at":null,"voicemail":null}
            """u8);

        call.IsAnonymous.Should().BeTrue();
        call.IsMissed.Should().BeTrue();
        call.HasVoicemail.Should().BeFalse();
        call.User.Should().BeNull();
        call.Number.Should().BeNull();
        call.Contact.Should().BeNull();
        call.TotalDuration.Should().Be(TimeSpan.FromSeconds(6));
    }

    [Fact]
    public void Timestamps_out_of_order_give_no_duration_rather_than_a_negative_one()
    {
        var call = new Call { Id = 10, StartedAt = At(10), AnsweredAt = At(5), EndedAt = At(3) };

        call.WaitingDuration.Should().BeNull();
        call.InCallDuration.Should().BeNull();
        call.TotalDuration.Should().BeNull();
    }

    [Fact]
    public void Durations_do_not_depend_on_the_offsets_timestamps_carry()
    {
        var call = new Call
        {
            Id = 11,
            StartedAt = Start.ToOffset(TimeSpan.FromHours(14)),
            AnsweredAt = At(15).ToOffset(TimeSpan.FromHours(-10)),
            EndedAt = At(75),
        };

        call.WaitingDuration.Should().Be(TimeSpan.FromSeconds(15));
        call.InCallDuration.Should().Be(TimeSpan.FromMinutes(1));
    }

    [Fact]
    public void Describes_itself_without_personal_data()
    {
        var call = new Call { Id = 12, Direction = CallDirection.Inbound, Status = CallStatus.Done, RawDigits = "+44 330 818 6690" };

        call.ToString().Should().Be("Call 12 (inbound, done)");
    }
}
