using System.Text.Json;
using System.Text.RegularExpressions;
using Aircall.CallSync.Models;
using Aircall.CallSync.Serialization;
using Aircall.CallSync.Tests.TestSupport;

namespace Aircall.CallSync.Tests.Models;

/// <summary>
/// Every payload fixture parses through the source-generated <see cref="AircallJsonContext"/>, as the SDK parses them,
/// into the values it carries: ids, UTC timestamps, enums, nested objects.
/// </summary>
public sealed partial class FixtureParsingTests
{
    private static AircallJsonContext Json => AircallJsonContext.Default;

    private static DateTimeOffset Utc(long unixSeconds) => DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

    private static DateTimeOffset Utc(string iso) => DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void The_reference_call_parses_with_its_nested_objects()
    {
        var call = JsonSerializer.Deserialize(SampleFiles.Rest("python-sdk-tests-payloads-GET-call-doc-example.json"), Json.CallEnvelope)!.Call!;

        call.Id.Should().Be(812);
        call.Sid.Should().Be("CA1234567890");
        call.CallUuid.Should().Be("CA1234567890", "the webhook name reads the REST value");
        call.DirectLink.Should().Be("https://api.aircall.io/v1/calls/812");
        call.Direction.Should().Be(CallDirection.Outbound);
        call.Status.Should().Be(CallStatus.Done);
        call.MissedCallReason.Should().BeNull();
        ShouldBeUtc(call.StartedAt, Utc(1584998199));
        ShouldBeUtc(call.AnsweredAt, Utc(1584998205));
        ShouldBeUtc(call.EndedAt, Utc(1584998210));
        call.Duration.Should().Be(11);
        call.TotalDuration.Should().Be(TimeSpan.FromSeconds(11), "duration is ended_at - started_at");
        call.InCallDuration.Should().Be(TimeSpan.FromSeconds(5));
        call.RawDigits.Should().Be("+1 800-123-4567");
        call.Voicemail.Should().BeNull();
        call.Recording.Should().BeNull();
        call.Contact.Should().BeNull();
        call.AssignedTo.Should().BeNull();
        call.TransferredBy.Should().BeNull();
        call.Archived.Should().BeFalse();
        call.Cost.Should().Be("2.34");
        call.Tags.Should().BeEmpty();

        call.User!.Id.Should().Be(456);
        call.User.Name.Should().Be("John Doe");
        call.User.Email.Should().Be("john.doe@aircall.io");
        call.User.Available.Should().BeTrue();
        call.User.AvailabilityStatus.Should().Be("available");
        call.User.TimeZone.Should().Be("America/New_York");
        ShouldBeUtc(call.User.CreatedAt, Utc("2019-12-29T10:03:18Z"));

        var number = call.Number!;
        number.Id.Should().Be(1234);
        number.Name.Should().Be("French Office");
        number.Digits.Should().Be("+33 1 76 11 11 11");
        number.Country.Should().Be("FR");
        number.TimeZone.Should().Be("Europe/Paris");
        number.IsIvr.Should().BeTrue();
        number.LiveRecordingActivated.Should().BeTrue();
        number.Priority.Should().BeNull();
        ShouldBeUtc(number.CreatedAt, Utc("2020-01-02T11:41:01Z"));
        number.Messages!.Welcome.Should().Be("https://example.com/welcome.mp3");
        number.Messages.RingingTone.Should().Be("https://example.com/ringing_tone.mp3");

        var comment = call.Comments.Should().ContainSingle().Subject;
        comment.Id.Should().Be(735);
        comment.Content.Should().Be("Please call back this customer!");
        ShouldBeUtc(comment.PostedAt, Utc(1587994808));
        comment.PostedBy!.Name.Should().Be("Johnn Doe");
    }

    [Fact]
    public void The_reference_call_list_parses_with_its_meta()
    {
        var page = JsonSerializer.Deserialize(SampleFiles.Rest("python-sdk-tests-payloads-list-calls-doc-example.json"), Json.CallList)!;

        page.Calls.Should().ContainSingle().Which.Id.Should().Be(812);
        page.Meta!.Count.Should().Be(20);
        page.Meta.Total.Should().Be(2234);
        page.Meta.CurrentPage.Should().Be(1);
        page.Meta.PerPage.Should().Be(20);
        page.Meta.NextPageLink.Should().Be("https://api.aircall.io/v1/calls?page=2&per_page=20");
        page.Meta.PreviousPageLink.Should().BeNull();
    }

    [Fact]
    public void Meta_objects_with_absolute_next_page_links_parse()
    {
        var calls = JsonSerializer.Deserialize(SampleFiles.Rest("toucan-connectors-calls-list-meta.json"), Json.CallList)!;
        using var users = JsonDocument.Parse(SampleFiles.Rest("amp-labs-connectors-users-paginated-response.json"));
        var usersMeta = users.RootElement.GetProperty("meta").Deserialize(Json.PageMeta)!;
        var firstUser = users.RootElement.GetProperty("users")[0].Deserialize(Json.User)!;

        calls.Calls.Should().BeEmpty();
        calls.Meta!.Total.Should().Be(6649);
        calls.Meta.PerPage.Should().Be(50);
        calls.Meta.NextPageLink.Should().Be("https://api.aircall.io/v1/calls?order=asc&page=2&per_page=50");
        usersMeta.Total.Should().Be(4);
        usersMeta.NextPageLink.Should().Be("https://api.aircall.io/v1/users?per_page=2&page=2");
        firstUser.Id.Should().Be(1784786);
        firstUser.Name.Should().Be("Constantin Koval");
    }

    [Theory]
    [InlineData("python-sdk-tests-payloads-webhook-object-doc-example.json", "0d3e5b1a-3b1a-4c1a-9c1a-0d3e5b1a3b1a", "https://example.com/hook", "abc123", "2020-01-02T11:41:01Z", 2)]
    [InlineData("hookdeck-webhook-skills-create-webhook-201-response.json", "c2501111-8a69-4342-bb34-bcd6cfe564ab", "https://my-server.example.com/webhooks/aircall", "df76g76dpziygs567f0", "2020-03-24T19:51:24Z", 3)]
    public void Webhook_objects_parse(string file, string id, string url, string token, string createdAt, int events)
    {
        var webhook = JsonSerializer.Deserialize(SampleFiles.Rest(file), Json.WebhookEnvelope)!.Webhook!;

        webhook.WebhookId.Should().Be(id);
        webhook.DirectLink.Should().Be("https://api.aircall.io/v1/webhooks/26316");
        webhook.Url.Should().Be(url);
        webhook.Token.Should().Be(token);
        webhook.Active.Should().BeTrue();
        ShouldBeUtc(webhook.CreatedAt, Utc(createdAt));
        webhook.Events.Should().HaveCount(events).And.Contain("call.created");
    }

    [Fact]
    public void The_reference_call_created_delivery_parses_with_webhook_names_and_empty_objects()
    {
        var call = JsonSerializer.Deserialize(SampleFiles.DataOf(SampleFiles.Rest("hookdeck-webhook-skills-call-created-doc-sample.json")), Json.Call)!;

        call.Id.Should().Be(123);
        call.CallUuid.Should().Be("CAed058bba60a84d62c77cee898a852b05");
        call.Sid.Should().Be("CAed058bba60a84d62c77cee898a852b05", "the REST name reads the webhook value");
        call.Status.Should().Be(CallStatus.Initial);
        call.Duration.Should().Be(0);
        call.Cost.Should().Be("0");
        call.AnsweredAt.Should().BeNull();
        call.EndedAt.Should().BeNull();
        ShouldBeUtc(call.StartedAt, Utc(1732622895));
        call.Participants.Should().HaveCount(2);
        call.ConferenceParticipants.Should().BeSameAs(call.Participants);
        call.Participants![0].Type.Should().Be(ParticipantType.External);
        call.Participants[0].PhoneNumber.Should().Be("+1 800-123-4567");
        call.Participants[0].Id.Should().BeNull();
        call.Participants[1].Type.Should().Be(ParticipantType.User);
        call.Participants[1].Id.Should().Be(123);
        call.Participants[1].Name.Should().Be("John Doe");
        call.User.Should().NotBeNull("`user: {}` is an object without fields");
        call.User!.Id.Should().BeNull();
        call.Contact!.Id.Should().BeNull();
        call.Number!.Id.Should().BeNull();
    }

    public static TheoryData<string> CallWebhookFiles() => [.. SampleFiles.CallWebhooks()];

    [Theory]
    [MemberData(nameof(CallWebhookFiles))]
    public void Every_captured_call_delivery_parses_into_a_call(string file)
    {
        var name = CallFileName().Match(file);
        var callId = long.Parse(name.Groups["id"].Value, System.Globalization.CultureInfo.InvariantCulture);
        var expectedStatus = name.Groups["event"].Value switch
        {
            "created" => CallStatus.Initial,
            "answered" or "hold" or "unhold" => CallStatus.Answered,
            _ => CallStatus.Done,
        };

        var call = JsonSerializer.Deserialize(SampleFiles.WebhookData(file), Json.Call)!;

        call.Id.Should().Be(callId);
        call.DirectLink.Should().Be($"https://api.aircall.io/v1/calls/{callId}");
        call.Direction.Should().Be(new CallDirection(name.Groups["direction"].Value));
        call.Direction!.Value.IsKnown.Should().BeTrue();
        call.Status.Should().Be(expectedStatus);
        call.StartedAt!.Value.Offset.Should().Be(TimeSpan.Zero);
        call.User!.Id.Should().BeOneOf(736640, 731416);
        call.Number!.Id.Should().BeOneOf(404821, 397375);
        call.Teams.Should().BeEmpty();
        call.Cost.Should().Be("0.0");
        call.HangupCause.Should().BeNull();
        call.MissedCallReason.Should().BeNull();
        call.IsMissed.Should().BeFalse();
        if (call.EndedAt is { } ended)
        {
            call.TotalDuration.Should().Be(TimeSpan.FromSeconds(call.Duration!.Value), "duration is ended_at - started_at");
            ended.Should().BeOnOrAfter(call.AnsweredAt!.Value);
        }
        else
        {
            call.Duration.Should().Be(0);
            call.TotalDuration.Should().BeNull();
        }
    }

    [Fact]
    public void The_ended_outbound_call_carries_its_whole_timeline()
    {
        var call = JsonSerializer.Deserialize(SampleFiles.WebhookData("call-ended-outbound-780836699.json"), Json.Call)!;

        ShouldBeUtc(call.StartedAt, Utc(1646389735));
        ShouldBeUtc(call.AnsweredAt, Utc(1646389740));
        ShouldBeUtc(call.EndedAt, Utc(1646389755));
        call.Duration.Should().Be(20);
        call.WaitingDuration.Should().Be(TimeSpan.FromSeconds(5));
        call.InCallDuration.Should().Be(TimeSpan.FromSeconds(15));
        call.IsOutbound.Should().BeTrue();
        call.RawDigits.Should().Be("+43 720 880079");
        call.User!.Name.Should().Be("Koen Test RrNuYErJ74");
        call.User.WrapUpTime.Should().Be(0);
        call.Number!.Digits.Should().Be("+44 330 818 6690");
        call.Number.AvailabilityStatus.Should().Be("open");
    }

    [Fact]
    public void A_tagged_delivery_carries_the_tag_with_who_and_when()
    {
        var call = JsonSerializer.Deserialize(SampleFiles.WebhookData("call-tagged-inbound-780883160.json"), Json.Call)!;

        var tag = call.Tags.Should().ContainSingle().Subject;
        tag.Id.Should().Be(1022984);
        tag.Name.Should().Be("Assess_Eng_Lvl");
        ShouldBeUtc(tag.TaggedAt, Utc(1646391384));
        tag.CreatedAt.Should().BeNull("webhooks name it tagged_at");
        tag.AppliedAt.Should().Be(tag.TaggedAt);
        tag.TaggedBy!.Id.Should().Be(731416);
        tag.TaggedBy.Email.Should().Be("koen.verduijn+demo@aircall.io");
        call.TransferredTo!.Id.Should().Be(530103);
        call.TransferredTo.Name.Should().Be("Martin Dizon Demo");
        call.TransferredBy!.Id.Should().Be(731416);
        call.Number!.Messages!.AfterHours.Should().BeNull("absent messages stay null");
    }

    [Fact]
    public void A_commented_delivery_carries_the_comment()
    {
        var call = JsonSerializer.Deserialize(SampleFiles.WebhookData("call-commented-inbound-780883160.json"), Json.Call)!;

        var comment = call.Comments.Should().ContainSingle().Subject;
        comment.Id.Should().Be(24923492);
        comment.Content.Should().Be("asdfasdfasdf\nalskdfjlaskdjflaksjdf");
        ShouldBeUtc(comment.PostedAt, Utc(1646391469));
        comment.PostedBy!.Id.Should().Be(731416);
    }

    [Fact]
    public void A_contact_delivery_parses_with_unix_second_timestamps()
    {
        var contact = JsonSerializer.Deserialize(SampleFiles.WebhookData("contact-created.json"), Json.Contact)!;

        contact.Id.Should().Be(76041687);
        contact.DirectLink.Should().Be("https://api.aircall.io/v1/contacts/76041687");
        contact.FirstName.Should().Be("Koen Test");
        contact.LastName.Should().Be("FuPPaYFelC");
        contact.CompanyName.Should().Be("SE Global Account");
        contact.Information.Should().BeEmpty();
        contact.IsShared.Should().BeTrue();
        ShouldBeUtc(contact.CreatedAt, Utc(1646393184));
        ShouldBeUtc(contact.UpdatedAt, Utc(1646393184));
        var email = contact.Emails.Should().ContainSingle().Subject;
        email.Id.Should().Be(139464607);
        email.Label.Should().Be("Work");
        email.Value.Should().Be("koen.verduijn+t9pzmjebch@aircall.io");
        contact.PhoneNumbers.Should().BeEmpty();
    }

    [Fact]
    public void A_user_delivery_parses_and_its_numbers_are_ignored()
    {
        var user = JsonSerializer.Deserialize(SampleFiles.WebhookData("user-connected.json"), Json.User)!;

        user.Id.Should().Be(736640);
        user.Name.Should().Be("Koen Test RrNuYErJ74");
        user.Available.Should().BeTrue();
        user.Language.Should().Be("en-US");
        user.CreatedAt.Should().BeNull();
    }

    [Fact]
    public void Airbyte_records_parse_into_tags_teams_and_users()
    {
        var streams = new Dictionary<string, List<JsonElement>>();
        foreach (var line in File.ReadLines(SampleFiles.RestPath("airbyte-source-aircall-expected_records.jsonl")))
        {
            using var record = JsonDocument.Parse(line);
            var stream = record.RootElement.GetProperty("stream").GetString()!;
            (streams.TryGetValue(stream, out var list) ? list : streams[stream] = []).Add(record.RootElement.GetProperty("data").Clone());
        }

        var tags = streams["tags"].Select(data => data.Deserialize(Json.Tag)!).ToList();
        var team = streams["teams"].Single().Deserialize(Json.Team)!;
        var user = streams["users"].Single().Deserialize(Json.User)!;

        streams.Keys.Should().BeEquivalentTo(["tags", "teams", "users", "user_availability"], "user_availability has no model in this SDK");
        tags.Should().HaveCount(6);
        tags[0].Id.Should().Be(2320081);
        tags[0].Name.Should().Be("Callback Request");
        tags[0].Color.Should().Be("#29C8FF");
        tags[0].Description.Should().Be("queue_callback");
        team.Id.Should().Be(204848);
        team.Name.Should().Be("Test team");
        team.DirectLink.Should().Be("https://api.aircall.io/v1/teams/204848");
        ShouldBeUtc(team.CreatedAt, Utc("2025-09-15T13:09:37Z"));
        team.Users.Should().ContainSingle().Which.Email.Should().Be("integration-test@airbyte.io");
        user.Id.Should().Be(1719365);
        user.Extension.Should().Be("001", "the extension's leading zeros are kept");
        user.State.Should().Be("always_opened");
        user.WrapUpTime.Should().Be(0);
        user.Available.Should().BeFalse();
        ShouldBeUtc(user.CreatedAt, Utc("2025-09-15T12:14:21Z"));
    }

    [Fact]
    public void Every_call_field_of_the_inferred_airbyte_schema_has_a_property()
    {
        using var schema = JsonDocument.Parse(SampleFiles.Rest("airbyte-source-aircall-calls-schema.json"));
        var callSchema = schema.RootElement.GetProperty("properties").GetProperty("calls").GetProperty("items").GetProperty("properties");
        var callFields = callSchema.EnumerateObject().Select(field => field.Name).ToList();
        var numberFields = callSchema.GetProperty("number").GetProperty("properties").EnumerateObject().Select(field => field.Name).ToList();
        var userFields = callSchema.GetProperty("user").GetProperty("properties").EnumerateObject().Select(field => field.Name).ToList();
        var metaFields = schema.RootElement.GetProperty("properties").GetProperty("meta").GetProperty("properties").EnumerateObject().Select(field => field.Name).ToList();

        callFields.Should().HaveCountGreaterThan(20);
        Json.Call.Properties.Select(property => property.Name).Should().Contain(callFields);
        Json.Number.Properties.Select(property => property.Name).Should().Contain(numberFields);
        Json.User.Properties.Select(property => property.Name).Should().Contain(userFields);
        Json.PageMeta.Properties.Select(property => property.Name).Should().Contain(metaFields);
    }

    private static void ShouldBeUtc(DateTimeOffset? actual, DateTimeOffset expected)
    {
        actual.Should().Be(expected);
        actual!.Value.Offset.Should().Be(TimeSpan.Zero, "timestamps are UTC whatever the machine's zone");
    }

    [GeneratedRegex("call-(?<event>[a-z]+)-(?<direction>inbound|outbound)-(?<id>[0-9]+)\\.json")]
    private static partial Regex CallFileName();
}
