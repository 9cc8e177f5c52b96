using System.Net;
using System.Text.Json;
using Aircall.CallSync.Api;
using Aircall.CallSync.Models;
using Aircall.CallSync.TestShared;
using Aircall.CallSync.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Api;

/// <summary>
/// Every <c>/v1/calls</c> endpoint through the real factory path: method, path, query string, body, auth header.
/// </summary>
public sealed class CallsApiTests : IDisposable
{
    private const string Calls = MockAircall.BaseUrl + "v1/calls";
    private const string OneCall = """{"call":{"id":42,"direction":"inbound","status":"done","archived":true}}""";
    private const string EmptyPage = """{"calls":[],"meta":{"count":0,"total":0,"current_page":1,"per_page":20,"next_page_link":null}}""";

    private readonly MockAircall _aircall = new();
    private readonly AircallClient _client;

    public CallsApiTests() => _client = _aircall.Client();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _aircall.Dispose();

    [Fact]
    public async Task List_without_parameters_sends_no_query_and_reads_the_page()
    {
        _aircall.Http.Expect(HttpMethod.Get, Calls)
            .WithExactQueryString(string.Empty)
            .WithHeaders("Authorization", "Basic " + MockAircall.BasicParameter)
            .WithHeaders("Accept", "application/json")
            .Respond("application/json", """
                {"calls":[{"id":1,"status":"done"},{"id":2,"status":"initial"}],
                 "meta":{"count":2,"total":2,"current_page":1,"per_page":20,"next_page_link":null,"previous_page_link":null}}
                """);

        var page = await _client.ListAsync(cancellationToken: Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        page.Calls.Select(call => call.Id).Should().Equal(1, 2);
        page.Calls[1].Status.Should().Be(CallStatus.Initial);
        page.Meta!.Total.Should().Be(2);
        page.Meta.NextPageLink.Should().BeNull();
        _aircall.Sent.Single().Body.Should().BeNull("a GET has no body");
    }

    [Fact]
    public async Task List_sends_every_set_parameter_with_times_as_unix_seconds()
    {
        _aircall.Http.Expect(HttpMethod.Get, Calls)
            .WithExactQueryString("from=1700000000&to=1700086400&order=desc&page=3&per_page=50")
            .Respond("application/json", EmptyPage);

        await _client.ListAsync(new CallListParameters
        {
            From = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000),
            To = DateTimeOffset.FromUnixTimeSeconds(1_700_086_400),
            Order = SortOrder.Descending,
            Page = 3,
            PerPage = 50,
        }, Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
    }

    [Theory]
    [InlineData(14, 0)]
    [InlineData(-12, 0)]
    [InlineData(5, 30)]
    [InlineData(0, 0)]
    public async Task From_and_to_are_the_same_unix_seconds_whatever_the_offset(int hours, int minutes)
    {
        var offset = new TimeSpan(hours, minutes, 0);
        _aircall.Http.Expect(HttpMethod.Get, Calls)
            .WithExactQueryString("from=1646389735&to=1646393335")
            .Respond("application/json", EmptyPage);

        await _client.ListAsync(new CallListParameters
        {
            // The same instants, written in a local offset (and with milliseconds, which Aircall does not take).
            From = DateTimeOffset.FromUnixTimeMilliseconds(1_646_389_735_400).ToOffset(offset),
            To = DateTimeOffset.FromUnixTimeSeconds(1_646_393_335).ToOffset(offset),
        }, Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
    }

    public static TheoryData<bool, bool, bool, string> FetchFlags() => new()
    {
        { false, false, false, string.Empty },
        { true, false, false, "fetch_contact=true" },
        { false, true, false, "fetch_short_urls=true" },
        { false, false, true, "fetch_call_timeline=true" },
        { true, true, true, "fetch_contact=true&fetch_short_urls=true&fetch_call_timeline=true" },
    };

    [Theory]
    [MemberData(nameof(FetchFlags))]
    public async Task Fetch_flags_are_sent_only_when_true(bool contact, bool shortUrls, bool timeline, string expectedQuery)
    {
        _aircall.Http.Expect(HttpMethod.Get, Calls)
            .WithExactQueryString(expectedQuery)
            .Respond("application/json", EmptyPage);

        await _client.ListAsync(new CallListParameters { FetchContact = contact, FetchShortUrls = shortUrls, FetchCallTimeline = timeline }, Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        _aircall.Sent.Single().Query.Should().NotContain("false");
    }

    [Fact]
    public async Task Search_sends_filters_and_repeats_the_tags_key_for_each_tag_id()
    {
        _aircall.Http.Expect(HttpMethod.Get, Calls + "/search")
            .WithExactQueryString("direction=outbound&user_id=731416&phone_number=%2B33 1 76 36 06 95&tags[]=1022984&tags[]=2320081&from=1646389735&fetch_contact=true")
            .WithHeaders("Authorization", "Basic " + MockAircall.BasicParameter)
            .Respond("application/json", """{"calls":[{"id":780836699,"direction":"outbound"}],"meta":{"count":1,"total":1}}""");

        var page = await _client.SearchAsync(new CallSearchParameters
        {
            Direction = CallDirection.Outbound,
            UserId = 731416,
            PhoneNumber = "+33 1 76 36 06 95",
            TagIds = [1022984, 2320081],
            From = DateTimeOffset.FromUnixTimeSeconds(1_646_389_735),
            FetchContact = true,
        }, Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        page.Calls.Single().IsOutbound.Should().BeTrue();
        var query = _aircall.Sent.Single().Query;
        query.Should().Contain("tags[]=1022984&tags[]=2320081", "Aircall reads tag ids from a repeated key");
        query.Should().NotContain("1022984,2320081", "a comma-joined list silently matches nothing");
        query.Should().Contain("phone_number=+33 1 76 36 06 95", "the plus of the number must survive encoding");
    }

    [Fact]
    public async Task Search_without_filters_sends_none()
    {
        _aircall.Http.Expect(HttpMethod.Get, Calls + "/search").WithExactQueryString("direction=inbound")
            .Respond("application/json", EmptyPage);

        await _client.SearchAsync(new CallSearchParameters { Direction = CallDirection.Inbound }, Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task Get_sends_the_id_in_the_path_and_no_query()
    {
        _aircall.Http.Expect(HttpMethod.Get, Calls + "/780836699")
            .WithExactQueryString("")
            .Respond("application/json", """{"call":{"id":780836699,"recording_short_url":"https://short-urls.aircall.io/v1/abc"}}""");

        var envelope = await _client.Calls.GetAsync(780836699, Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        envelope.Call!.Id.Should().Be(780836699);
        envelope.Call.RecordingShortUrl.Should().Be("https://short-urls.aircall.io/v1/abc");
    }

    [Fact]
    public async Task Get_handles_ids_beyond_32_bits()
    {
        const long id = 9_007_199_254_740_993; // past int.MaxValue and past double precision
        _aircall.Http.Expect(HttpMethod.Get, Calls + "/9007199254740993")
            .Respond("application/json", """{"call":{"id":9007199254740993}}""");

        var envelope = await _client.Calls.GetAsync(id, cancellationToken: Ct);

        envelope.Call!.Id.Should().Be(id);
    }

    [Theory]
    [InlineData("user", """{"user_id":731416}""")]
    [InlineData("team", """{"team_id":204848,"dispatching_strategy":"longest_idle"}""")]
    [InlineData("number", """{"number":"+18001234567"}""")]
    public async Task Transfer_posts_only_the_chosen_target(string target, string expectedBody)
    {
        var request = target switch
        {
            "user" => new TransferCallRequest { UserId = 731416 },
            "team" => new TransferCallRequest { TeamId = 204848, DispatchingStrategy = "longest_idle" },
            _ => new TransferCallRequest { Number = "+18001234567" },
        };
        _aircall.Http.Expect(HttpMethod.Post, Calls + "/42/transfers").Respond(HttpStatusCode.NoContent);

        await _client.Calls.TransferAsync(42, request, Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        var sent = _aircall.Sent.Single();
        sent.ContentType.Should().Be("application/json", $"a transfer to a {target} has a JSON body");
        ShouldBeSameJson(sent.Body, expectedBody);
    }

    [Fact]
    public async Task Comment_posts_the_content()
    {
        _aircall.Http.Expect(HttpMethod.Post, Calls + "/42/comments")
            .WithHeaders("Authorization", "Basic " + MockAircall.BasicParameter)
            .Respond(HttpStatusCode.Created);

        await _client.Calls.CommentAsync(42, new CommentRequest { Content = "Call back on Monday" }, Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        var sent = _aircall.Sent.Single();
        sent.ContentType.Should().Be("application/json");
        ShouldBeSameJson(sent.Body, """{"content":"Call back on Monday"}""");
    }

    [Fact]
    public async Task Tag_posts_the_tag_ids()
    {
        _aircall.Http.Expect(HttpMethod.Post, Calls + "/42/tags").Respond(HttpStatusCode.OK);

        await _client.Calls.TagAsync(42, new TagCallRequest { Tags = [1022984, 2320081] }, Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        ShouldBeSameJson(_aircall.Sent.Single().Body, """{"tags":[1022984,2320081]}""");
    }

    [Fact]
    public async Task Archive_and_unarchive_put_to_their_paths_and_return_the_call()
    {
        _aircall.Http.Expect(HttpMethod.Put, Calls + "/42/archive").Respond("application/json", OneCall);
        _aircall.Http.Expect(HttpMethod.Put, Calls + "/42/unarchive")
            .Respond("application/json", """{"call":{"id":42,"archived":false}}""");

        var archived = await _client.Calls.ArchiveAsync(42, Ct);
        var unarchived = await _client.Calls.UnarchiveAsync(42, Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        archived.Call!.Archived.Should().BeTrue();
        unarchived.Call!.Archived.Should().BeFalse();
        _aircall.Sent.Should().OnlyContain(request => request.Authorization!.Scheme == "Basic");
    }

    [Fact]
    public async Task Recording_and_voicemail_endpoints_use_their_methods_and_paths()
    {
        _aircall.Http.Expect(HttpMethod.Post, Calls + "/42/pause_recording").Respond(HttpStatusCode.NoContent);
        _aircall.Http.Expect(HttpMethod.Post, Calls + "/42/resume_recording").Respond(HttpStatusCode.NoContent);
        _aircall.Http.Expect(HttpMethod.Delete, Calls + "/42/recording").Respond(HttpStatusCode.NoContent);
        _aircall.Http.Expect(HttpMethod.Delete, Calls + "/42/voicemail").Respond(HttpStatusCode.OK);

        await _client.Calls.PauseRecordingAsync(42, Ct);
        await _client.Calls.ResumeRecordingAsync(42, Ct);
        await _client.Calls.DeleteRecordingAsync(42, Ct);
        await _client.Calls.DeleteVoicemailAsync(42, Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        _aircall.Sent.Should().HaveCount(4).And.OnlyContain(request => request.Uri.Query.Length == 0);
    }

    [Fact]
    public async Task Insight_card_posts_its_lines_without_unset_fields()
    {
        _aircall.Http.Expect(HttpMethod.Post, Calls + "/42/insight_cards").Respond(HttpStatusCode.Created);

        await _client.Calls.CreateInsightCardAsync(42, new InsightCardRequest
        {
            Contents =
            [
                InsightCardContent.Title("Acme Corp", "https://crm.example.com/accounts/7"),
                InsightCardContent.ShortText("Plan", "Enterprise"),
                InsightCardContent.ForUser("Account owner", 731416),
            ],
        }, Ct);

        _aircall.Http.VerifyNoOutstandingExpectation();
        ShouldBeSameJson(_aircall.Sent.Single().Body, """
            {"contents":[
              {"type":"title","text":"Acme Corp","link":"https://crm.example.com/accounts/7"},
              {"type":"shortText","text":"Enterprise","label":"Plan"},
              {"type":"user","label":"Account owner","user_id":731416}]}
            """);
    }

    [Fact]
    public async Task List_with_response_exposes_headers_and_does_not_throw_on_errors()
    {
        _aircall.Http.Expect(HttpMethod.Get, Calls).Respond(
            HttpStatusCode.TooManyRequests,
            [new KeyValuePair<string, string>("X-AircallApi-Limit", "60")],
            "application/json",
            """{"error":"Too Many Requests"}""");

        using var response = await _client.Pages.ListWithResponseAsync(cancellationToken: Ct);

        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers!.GetValues("X-AircallApi-Limit").Should().Equal("60");
        response.IsSuccessStatusCode.Should().BeFalse();
        response.Content.Should().BeNull();
    }

    /// <summary>Compares JSON by content (property order aside), and checks nulls are not written.</summary>
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
