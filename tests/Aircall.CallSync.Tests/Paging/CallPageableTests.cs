using System.Net;
using Aircall.CallSync.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Paging;

/// <summary>The enumeration's requests, seen at the HTTP level.</summary>
public sealed class CallPageableTests : IDisposable
{
    private const string Calls = MockAircall.BaseUrl + "v1/calls";
    private readonly MockAircall _aircall = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _aircall.Dispose();

    [Fact]
    public async Task It_asks_for_50_calls_per_page_oldest_first_up_to_a_bound_fixed_at_the_start()
    {
        var to = _aircall.Time.GetUtcNow().ToUnixTimeSeconds();
        _aircall.Http.Expect(HttpMethod.Get, Calls)
            .WithExactQueryString($"from=1700000000&to={to}&order=asc&page=1&per_page=50&fetch_short_urls=true")
            .Respond("application/json", Page([1, 2], next: Calls + "?page=2"));
        _aircall.Http.Expect(HttpMethod.Get, Calls)
            .WithExactQueryString($"from=1700000000&to={to}&order=asc&page=2&per_page=50&fetch_short_urls=true")
            .Respond("application/json", Page([3], next: null));

        var ids = new List<long>();
        await foreach (var call in _aircall.Client().GetCallsAsync(new CallQuery { From = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), FetchShortUrls = true }).WithCancellation(Ct))
        {
            ids.Add(call.Id);
            _aircall.Time.Advance(TimeSpan.FromMinutes(5)); // the clock moves: the bound does not
        }

        ids.Should().Equal(1, 2, 3);
        _aircall.Http.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task A_next_page_link_to_another_host_is_never_followed()
    {
        _aircall.Http.Expect(HttpMethod.Get, Calls)
            .WithQueryString("page", "1")
            .Respond("application/json", Page([1], next: "https://attacker.invalid/v1/calls?page=2&steal=1"));
        _aircall.Http.Expect(HttpMethod.Get, Calls)
            .WithQueryString("page", "2")
            .Respond("application/json", Page([2], next: "http://api.test:8080/v1/calls?page=3"));
        _aircall.Http.Expect(HttpMethod.Get, Calls)
            .WithQueryString("page", "3")
            .Respond("application/json", Page([3], next: null));

        var ids = new List<long>();
        await foreach (var call in _aircall.Client().GetCallsAsync().WithCancellation(Ct))
        {
            ids.Add(call.Id);
        }

        ids.Should().Equal(1, 2, 3);
        _aircall.Sent.Should().HaveCount(3).And.OnlyContain(r => r.Uri.AbsoluteUri.StartsWith(MockAircall.BaseUrl, StringComparison.Ordinal),
            "pages are asked of the configured base address, whatever the links say");
        _aircall.Http.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task A_page_that_is_not_json_is_asked_again_then_reported()
    {
        _aircall.Http.Expect(HttpMethod.Get, Calls).Respond("application/json", "{\"calls\":[{\"id\":1,");
        _aircall.Http.Expect(HttpMethod.Get, Calls).Respond("application/json", Page([1], next: null, total: 1));

        var ids = new List<long>();
        await foreach (var call in _aircall.Client().GetCallsAsync().WithCancellation(Ct))
        {
            ids.Add(call.Id);
        }

        ids.Should().Equal(1);

        _aircall.Http.When(HttpMethod.Get, Calls).Respond("application/json", "<html>proxy error</html>");
        var act = async () =>
        {
            await foreach (var _ in _aircall.Client().GetCallsAsync().WithCancellation(Ct))
            {
            }
        };
        (await act.Should().ThrowAsync<AircallApiException>()).WithMessage("*not a valid call list*");
    }

    [Fact]
    public async Task A_dropped_connection_surfaces_as_a_connection_failure_once_retries_are_spent()
    {
        _aircall.Http.When(HttpMethod.Get, Calls).Throw(new HttpRequestException("connection reset", new IOException("reset")));

        var act = async () =>
        {
            await foreach (var _ in _aircall.Client().GetCallsAsync().WithCancellation(Ct))
            {
            }
        };

        (await act.Should().ThrowExactlyAsync<AircallConnectionException>()).WithInnerException<HttpRequestException>().WithInnerException<IOException>();
    }

    [Fact]
    public async Task Rejected_credentials_surface_as_the_typed_error()
    {
        _aircall.Http.When(HttpMethod.Get, Calls).Respond(HttpStatusCode.Forbidden, "application/json", """{"message":"Forbidden"}""");

        var act = async () =>
        {
            await foreach (var _ in _aircall.Client().GetCallsAsync().WithCancellation(Ct))
            {
            }
        };

        (await act.Should().ThrowAsync<AircallAuthenticationException>()).WithMessage("*rejected the credentials*");
    }

    private static string Page(long[] ids, string? next, int total = 3)
    {
        var calls = string.Join(',', ids.Select(id => $$"""{"id":{{id}},"started_at":{{1_700_000_000 + id}},"status":"done"}"""));
        var link = next is null ? "null" : "\"" + next + "\"";
        return $$$"""{"calls":[{{{calls}}}],"meta":{"count":{{{ids.Length}}},"total":{{{total}}},"next_page_link":{{{link}}}}}""";
    }
}
