using System.Text;
using System.Text.Json;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;

namespace Aircall.CallSync.Tests.Serialization;

/// <summary>
/// Timestamps: UNIX seconds (Call fields), ISO-8601 strings (users, numbers, teams, webhooks, sometimes contacts and
/// comments), milliseconds, and the odd values real payloads carry. Always UTC, whatever the machine's zone (CI runs
/// this class again at UTC+14).
/// </summary>
public sealed class TimestampConverterTests
{
    private const long Instant = 1_646_389_735; // 2022-03-04T10:28:55Z, call 780836699's started_at

    public static TheoryData<string, long?> Readings() => new()
    {
        // JSON value of started_at, expected UNIX milliseconds (null: no timestamp)
        { "1646389735", Instant * 1000 },
        { "1646389735.5", (Instant * 1000) + 500 },
        { "1646389735123", (Instant * 1000) + 123 },       // milliseconds, as newer Aircall objects send
        { "\"1646389735\"", Instant * 1000 },
        { "\"2022-03-04T10:28:55Z\"", Instant * 1000 },
        { "\"2022-03-04T10:28:55.000Z\"", Instant * 1000 },
        { "\"2022-03-04T11:28:55+01:00\"", Instant * 1000 },
        { "\"2022-03-04T10:28:55\"", Instant * 1000 },      // no offset: UTC, never the machine's zone
        { "0", 0 },
        { "null", null },
        { "\"\"", null },
        { "\"  \"", null },
        { "\"yesterday\"", null },
        { "true", null },
        { "{}", null },
        { "{\"seconds\":[1,{\"x\":2}]}", null },
        { "[]", null },
        { "99999999999999999999", null },                   // out of DateTimeOffset's range
    };

    [Theory]
    [MemberData(nameof(Readings))]
    public void Call_timestamps_read_every_shape_as_utc(string value, long? expectedUnixMilliseconds)
    {
        var call = AircallJson.ParseCall(Encoding.UTF8.GetBytes($$"""{"id":1,"started_at":{{value}},"duration":7}"""));

        call.Duration.Should().Be(7, "the fields after an odd timestamp are still read");
        if (expectedUnixMilliseconds is null)
        {
            call.StartedAt.Should().BeNull();
        }
        else
        {
            call.StartedAt.Should().Be(DateTimeOffset.FromUnixTimeMilliseconds(expectedUnixMilliseconds.Value));
            call.StartedAt!.Value.Offset.Should().Be(TimeSpan.Zero);
        }
    }

    [Fact]
    public void Absent_timestamps_are_null()
    {
        var call = AircallJson.ParseCall("""{"id":1}"""u8);

        call.StartedAt.Should().BeNull();
        call.AnsweredAt.Should().BeNull();
        call.EndedAt.Should().BeNull();
    }

    [Fact]
    public void Fields_documented_both_ways_accept_both()
    {
        // Contacts: UNIX seconds in real payloads, ISO strings per one doc. Comments: posted_at likewise. Nested
        // objects' created_at: ISO per the reference, but accepted as UNIX seconds too.
        var call = AircallJson.ParseCall("""
            {"id":1,
             "contact":{"id":5,"created_at":"2022-03-04T10:28:55.000Z","updated_at":1646389735},
             "comments":[{"id":7,"posted_at":"2022-03-04T10:28:55Z"},{"id":8,"posted_at":1646389735}],
             "user":{"id":9,"created_at":1646389735},
             "number":{"id":10,"created_at":"2022-03-04T10:28:55.000Z"},
             "tags":[{"id":11,"created_at":1646389735},{"id":12,"tagged_at":"1646389735"}],
             "teams":[{"id":13,"created_at":"2022-03-04T11:28:55+01:00"}],
             "ivr_options_selected":[{"id":"a1","key":"1","created_at":"2022-03-04T10:28:55.000Z","transition_started_at":1646389735}]}
            """u8);

        var expected = DateTimeOffset.FromUnixTimeSeconds(Instant);
        DateTimeOffset?[] all =
        [
            call.Contact!.CreatedAt, call.Contact.UpdatedAt, call.Comments![0].PostedAt, call.Comments[1].PostedAt,
            call.User!.CreatedAt, call.Number!.CreatedAt, call.Tags![0].AppliedAt, call.Tags[1].AppliedAt,
            call.Teams![0].CreatedAt, call.IvrOptionsSelected![0].CreatedAt, call.IvrOptionsSelected[0].TransitionStartedAt,
        ];
        all.Should().HaveCount(11).And.OnlyContain(value => value == expected && value!.Value.Offset == TimeSpan.Zero);
    }

    [Fact]
    public void Call_timestamps_are_written_as_unix_seconds_and_nested_created_at_as_iso_utc()
    {
        var call = new Call
        {
            Id = 1,
            StartedAt = DateTimeOffset.FromUnixTimeSeconds(Instant).ToOffset(TimeSpan.FromHours(14)),
            User = new User { Id = 2, CreatedAt = DateTimeOffset.FromUnixTimeSeconds(Instant).ToOffset(TimeSpan.FromHours(-10)) },
        };

        using var written = JsonDocument.Parse(AircallJson.SerializeCall(call));

        written.RootElement.GetProperty("started_at").GetInt64().Should().Be(Instant);
        written.RootElement.GetProperty("user").GetProperty("created_at").GetString().Should().Be("2022-03-04T10:28:55.000Z");
        written.RootElement.TryGetProperty("ended_at", out _).Should().BeFalse("nulls are not written");
    }

    [Fact]
    public void Rate_limit_reset_values_use_the_same_seconds_or_milliseconds_rule()
    {
        AircallTime.Parse("1646389735".AsSpan()).Should().Be(DateTimeOffset.FromUnixTimeSeconds(Instant));
        AircallTime.Parse("1646389735000".AsSpan()).Should().Be(DateTimeOffset.FromUnixTimeSeconds(Instant));
        AircallTime.Parse(" 1646389735 ".AsSpan()).Should().Be(DateTimeOffset.FromUnixTimeSeconds(Instant));
        AircallTime.Parse("in a minute".AsSpan()).Should().BeNull();
        AircallTime.FromEpoch(253_402_300_799)!.Value.Year.Should().Be(9999, "the largest seconds value is still seconds");
        AircallTime.FromEpoch(AircallTime.MillisecondsThreshold)!.Value.Year.Should().Be(2001, "10^12 is read as milliseconds");
    }
}
