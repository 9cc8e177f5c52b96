using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Aircall.CallSync.Api;
using Aircall.CallSync.TestShared;
using Aircall.CallSync.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Http;

/// <summary>
/// Error responses become typed exceptions carrying the status, Aircall's fields, the raw body and the rate-limit
/// headers, with a message that says what to do.
/// </summary>
public sealed partial class ErrorResponseTests : IDisposable
{
    private const string Calls = MockAircall.BaseUrl + "v1/calls";
    private const string ErrorShapesFile = "error-body-shapes-collected.json";

    /// <summary>The 10,000-result cap answer, verbatim (airbyte#76489, quoted in the fact sheet).</summary>
    private const string PaginationCapBody = """{"error":"Bad Request","message":"BAD_REQUEST","errors":"Your query is limited to 10k results and pagination is out of bound, please use timestamps or other filters.","troubleshoot":"BAD_REQUEST","success":false}""";

    private readonly MockAircall _aircall = new();

    public void Dispose() => _aircall.Dispose();

    public static TheoryData<string> CollectedErrorShapes()
    {
        using var document = JsonDocument.Parse(SampleFiles.Rest(ErrorShapesFile));
        var names = new TheoryData<string>();
        foreach (var shape in document.RootElement.EnumerateObject())
        {
            names.Add(shape.Name);
        }

        return names;
    }

    [Theory]
    [MemberData(nameof(CollectedErrorShapes))]
    public async Task Every_collected_error_body_is_parsed_into_the_exception(string shape)
    {
        using var document = JsonDocument.Parse(SampleFiles.Rest(ErrorShapesFile));
        var body = document.RootElement.GetProperty(shape);
        var status = (HttpStatusCode)int.Parse(StatusInName().Match(shape).Value, CultureInfo.InvariantCulture);

        var exception = await FailAsync(status, body.GetRawText());

        exception.StatusCode.Should().Be(status);
        exception.Error.Should().Be(Text(body, "error"));
        exception.Troubleshoot.Should().Be(Text(body, "troubleshoot"));
        exception.AircallMessage.Should().Be(Text(body, "message"));
        exception.RawBody.Should().Be(body.GetRawText());
        if (status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            exception.Should().BeOfType<AircallAuthenticationException>();
        }
        else
        {
            exception.Should().BeOfType<AircallApiException>();
        }

        exception.Message.Should().Contain($"Aircall answered {(int)status}").And.Contain("GET /v1/calls");
    }

    [Fact]
    public void The_collected_shapes_cover_both_tiers()
    {
        using var document = JsonDocument.Parse(SampleFiles.Rest(ErrorShapesFile));
        var fieldSets = document.RootElement.EnumerateObject()
            .Select(shape => string.Join(',', shape.Value.EnumerateObject().Select(field => field.Name)))
            .ToList();

        fieldSets.Should().Contain(fields => fields.Contains("troubleshoot"), "the application tier sends error/troubleshoot");
        fieldSets.Should().Contain("message", "the edge tier sends a message only");
    }

    [Fact]
    public async Task A_403_says_the_credentials_were_rejected()
    {
        var exception = await FailAsync(HttpStatusCode.Forbidden, """{"message":"Forbidden"}""");

        exception.Should().BeOfType<AircallAuthenticationException>();
        exception.Message.Should().Contain("rejected the credentials").And.Contain("not missing permissions")
            .And.Contain("Aircall said: \"Forbidden\"");
    }

    [Fact]
    public async Task A_401_says_no_credentials_were_sent()
    {
        var exception = await FailAsync(HttpStatusCode.Unauthorized, """{"message":"Unauthorized"}""");

        exception.Should().BeOfType<AircallAuthenticationException>();
        exception.Message.Should().Contain("No credentials reached Aircall").And.Contain("Aircall:ApiId");
    }

    [Fact]
    public async Task A_405_says_the_state_forbids_it_and_quotes_the_troubleshoot_hint()
    {
        var exception = await FailAsync(HttpStatusCode.MethodNotAllowed, """{"error":"Method Not Allowed","troubleshoot":"Recording is disabled on the Call's number","success":false}""");

        exception.Message.Should().Contain("not in a state that allows this")
            .And.Contain("Aircall said: \"Recording is disabled on the Call's number\"");
    }

    [Fact]
    public async Task A_422_keeps_the_field_errors_as_json()
    {
        var exception = await FailAsync(HttpStatusCode.UnprocessableEntity, """{"error":"Unprocessable Entity","success":false,"errors":{"url":["must be https"]}}""");

        using var errors = JsonDocument.Parse(exception.Details.Errors!);
        errors.RootElement.GetProperty("url")[0].GetString().Should().Be("must be https");
        exception.Message.Should().Contain("Details.Errors");
    }

    [Fact]
    public async Task The_10000_cap_answer_is_a_pagination_limit_exception_that_says_to_narrow_the_window()
    {
        _aircall.Http.When(Calls).Respond(HttpStatusCode.BadRequest, "application/json", PaginationCapBody);

        var list = () => _aircall.Client().ListAsync(new CallListParameters { Page = 201, PerPage = 50 }, TestContext.Current.CancellationToken);

        var exception = (await list.Should().ThrowExactlyAsync<AircallPaginationLimitException>()).Which;
        exception.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        exception.Error.Should().Be("Bad Request");
        exception.Troubleshoot.Should().Be("BAD_REQUEST");
        exception.AircallMessage.Should().Be("BAD_REQUEST");
        exception.Details.Errors.Should().StartWith("Your query is limited to 10k results");
        exception.RawBody.Should().Be(PaginationCapBody);
        exception.Message.Should().Contain("10,000-result pagination cap").And.Contain("narrow the time window with from/to");
        exception.Message.Should().Contain("GET /v1/calls").And.NotContain("page=", "messages carry the path, never the query string");
    }

    [Fact]
    public async Task Another_400_is_a_plain_api_exception()
    {
        var exception = await FailAsync(HttpStatusCode.BadRequest, """{"error":"Bad Request","troubleshoot":"per_page must be at most 50"}""");

        exception.Should().BeOfType<AircallApiException>();
        exception.Message.Should().Contain("rejected the request parameters").And.Contain("per_page must be at most 50");
    }

    public static TheoryData<string, string, int> ResetHeaders() => new()
    {
        // header, value, seconds after the fake clock's now (2026-03-01T12:00:00Z) at which the budget resets
        { "X-AircallApi-Reset", "1772366442", 42 },         // epoch seconds
        { "X-AircallApi-Reset", "1772366442000", 42 },      // epoch milliseconds
        { "x-aircallapi-reset", "1772366417", 17 },         // names are case-insensitive
        { "Retry-After", "30", 30 },                        // delta seconds, from the injected clock
        { "Retry-After", "Sun, 01 Mar 2026 12:01:00 GMT", 60 }, // HTTP date
    };

    [Theory]
    [MemberData(nameof(ResetHeaders))]
    public async Task A_429_is_a_rate_limited_exception_with_the_reset_time(string header, string value, int resetInSeconds)
    {
        var exception = await FailAsync(
            HttpStatusCode.TooManyRequests,
            """{"error":"Too Many Requests"}""",
            (header, value),
            ("X-AircallApi-Limit", "60"),
            ("X-AircallApi-Remaining", "0"));

        var rateLimited = exception.Should().BeOfType<AircallRateLimitedException>().Subject;
        var expected = _aircall.Time.GetUtcNow().AddSeconds(resetInSeconds);
        rateLimited.ResetAt.Should().Be(expected);
        rateLimited.ResetAt!.Value.Offset.Should().Be(TimeSpan.Zero);
        rateLimited.Limit.Should().Be(60);
        rateLimited.Details.RateLimit!.Remaining.Should().Be(0);
        rateLimited.Message.Should().Contain($"until {expected.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}Z");
    }

    [Fact]
    public async Task Aircall_reset_header_wins_over_retry_after()
    {
        var exception = await FailAsync(HttpStatusCode.TooManyRequests, string.Empty, ("Retry-After", "5"), ("X-AircallApi-Reset", "1772366442"));

        ((AircallRateLimitedException)exception).ResetAt.Should().Be(DateTimeOffset.FromUnixTimeSeconds(1_772_366_442));
    }

    [Fact]
    public async Task A_429_without_headers_has_no_reset_time_and_says_to_wait_a_window()
    {
        var exception = await FailAsync(HttpStatusCode.TooManyRequests, string.Empty);

        var rateLimited = exception.Should().BeOfType<AircallRateLimitedException>().Subject;
        rateLimited.ResetAt.Should().BeNull();
        rateLimited.Limit.Should().BeNull();
        rateLimited.Details.RateLimit.Should().BeNull();
        rateLimited.Message.Should().Contain("Wait a full window").And.Contain("Aircall:RateLimit:PermitLimit");
    }

    [Fact]
    public async Task Unreadable_rate_limit_headers_are_ignored()
    {
        var exception = await FailAsync(HttpStatusCode.TooManyRequests, string.Empty, ("X-AircallApi-Reset", "soon"), ("X-AircallApi-Limit", "lots"));

        ((AircallRateLimitedException)exception).ResetAt.Should().BeNull();
        ((AircallRateLimitedException)exception).Limit.Should().BeNull();
    }

    [Fact]
    public async Task A_non_json_body_is_kept_raw()
    {
        const string html = "<html><body><h1>502 Bad Gateway</h1></body></html>";

        var exception = await FailAsync(HttpStatusCode.BadGateway, html, mediaType: "text/html");

        exception.Should().BeOfType<AircallApiException>();
        exception.RawBody.Should().Be(html);
        exception.Error.Should().BeNull();
        exception.Troubleshoot.Should().BeNull();
        exception.AircallMessage.Should().BeNull();
        exception.Message.Should().Contain("502 Bad Gateway").And.Contain("retry later");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\"Forbidden\"")]
    [InlineData("[1,2]")]
    [InlineData("{\"error\":")]
    public async Task Bodies_that_are_not_an_error_object_leave_the_fields_empty(string body)
    {
        var exception = await FailAsync(HttpStatusCode.InternalServerError, body);

        exception.RawBody.Should().Be(body);
        exception.Error.Should().BeNull();
        exception.AircallMessage.Should().BeNull();
        exception.Message.Should().Contain("500 Internal Server Error");
    }

    [Fact]
    public async Task A_huge_body_is_kept_up_to_64_KiB()
    {
        var body = new string('x', 200_000);

        var exception = await FailAsync(HttpStatusCode.InternalServerError, body, mediaType: "text/plain");

        exception.RawBody.Should().HaveLength(64 * 1024);
    }

    private async Task<AircallApiException> FailAsync(HttpStatusCode status, string body, params (string Name, string Value)[] headers)
        => await FailAsync(status, body, "application/json", headers);

    private async Task<AircallApiException> FailAsync(HttpStatusCode status, string body, string mediaType, params (string Name, string Value)[] headers)
    {
        _aircall.Http.When(Calls).Respond(
            status,
            headers.Select(header => new KeyValuePair<string, string>(header.Name, header.Value)),
            mediaType,
            body);

        var list = () => _aircall.Client().ListAsync(cancellationToken: TestContext.Current.CancellationToken);

        return (await list.Should().ThrowAsync<AircallApiException>()).Which;
    }

    private static string? Text(JsonElement body, string name)
        => body.TryGetProperty(name, out var value) ? value.GetString() : null;

    [GeneratedRegex("[0-9]{3}")]
    private static partial Regex StatusInName();
}
