using Aircall.CallSync.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Paging;

/// <summary>
/// Pages that contradict what Aircall said before, and 200 bodies that are not a call list: asked again, never the end
/// of the data, never a crash.
/// </summary>
public sealed class ContradictingPageTests : IDisposable
{
    private const string Calls = MockAircall.BaseUrl + "v1/calls";
    private readonly MockAircall _aircall = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _aircall.Dispose();

    [Fact]
    public async Task An_empty_page_with_a_next_page_link_is_asked_again_not_taken_as_the_end()
    {
        Expect(1, Page(Range(1, 50), total: 60, next: true));
        Expect(2, Page([], total: 60, next: true));
        Expect(2, Page(Range(51, 10), total: 60, next: false));

        var ids = await CollectAsync();

        ids.Should().Equal(Range(1, 60));
        _aircall.Http.VerifyNoOutstandingExpectation();
        _aircall.Logs.Entries.Should().Contain(e => e.Contains("contradicts", StringComparison.Ordinal) && e.Contains("Page=2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_short_last_page_while_the_total_says_more_is_asked_again()
    {
        Expect(1, Page(Range(1, 50), total: 120, next: true));
        Expect(2, Page(Range(51, 8), total: 120, next: false));
        Expect(2, Page(Range(51, 50), total: 120, next: true));
        Expect(3, Page(Range(101, 20), total: 120, next: false));

        var ids = await CollectAsync();

        ids.Should().Equal(Range(1, 120));
        _aircall.Http.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task A_last_page_short_of_the_windows_first_total_is_asked_again_even_when_it_carries_no_total()
    {
        Expect(1, Page(Range(1, 50), total: 70, next: true));
        Expect(2, Page(Range(51, 3), total: null, next: false));
        Expect(2, Page(Range(51, 20), total: 70, next: false));

        var ids = await CollectAsync();

        ids.Should().Equal(Range(1, 70));
        _aircall.Http.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task A_page_that_keeps_contradicting_fails_loudly_after_bounded_attempts_and_the_checkpoint_still_holds()
    {
        Expect(1, Page(Range(1, 50), total: 100, next: true));
        _aircall.Http.When(HttpMethod.Get, Calls).WithQueryString("page", "2").Respond("application/json", Page([], total: 100, next: true));
        var pages = new List<CallPage>();

        var act = async () =>
        {
            await foreach (var page in _aircall.Client().GetCallsAsync().AsPages(null, Ct))
            {
                pages.Add(page);
            }
        };

        var error = (await act.Should().ThrowAsync<CallListInconsistentException>()).Which;
        error.Page.Should().Be(2);
        error.Message.Should().Contain("next_page_link").And.Contain("Run the sync again");
        pages.Should().ContainSingle().Which.IsLast.Should().BeFalse("the enumeration never reported an end");
        _aircall.Sent.Count(r => r.Uri.Query.Contains("page=2", StringComparison.Ordinal)).Should().Be(3, "a GET is asked again, a bounded number of times");
    }

    [Fact]
    public async Task A_total_that_shrank_consistently_is_accepted_as_deleted_calls()
    {
        Expect(1, Page(Range(1, 50), total: 60, next: true));
        Expect(2, Page(Range(51, 7), total: 57, next: false));
        Expect(2, Page(Range(51, 7), total: 57, next: false));

        var ids = await CollectAsync();

        ids.Should().Equal(Range(1, 57), "three calls were deleted while the window was listed; the API agreed with itself twice");
        _aircall.Http.VerifyNoOutstandingExpectation();
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"calls":null,"meta":{"count":2,"total":2,"next_page_link":null}}""")]
    [InlineData("""{"meta":{"count":2,"total":2,"next_page_link":null}}""")]
    public async Task A_200_body_that_is_not_a_call_list_is_asked_again(string body)
    {
        Expect(1, body);
        Expect(1, Page([1, 2], total: 2, next: false));

        var ids = await CollectAsync();

        ids.Should().Equal(1, 2);
        _aircall.Http.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task A_200_body_that_is_never_a_call_list_ends_with_a_clear_api_error()
    {
        _aircall.Http.When(HttpMethod.Get, Calls).Respond("application/json", """{"calls":null}""");

        var act = CollectAsync;

        (await act.Should().ThrowAsync<AircallApiException>()).WithMessage("*not a valid call list*");
        _aircall.Sent.Should().HaveCount(3);
    }

    [Fact]
    public async Task A_null_entry_among_the_calls_is_asked_again_then_skipped_with_a_warning_never_a_crash()
    {
        var withNull = """{"calls":[null,{"id":1,"started_at":1700000001},{"id":2,"started_at":1700000002}],"meta":{"count":3,"total":3,"next_page_link":null}}""";
        _aircall.Http.When(HttpMethod.Get, Calls).Respond("application/json", withNull);

        var ids = await CollectAsync();

        ids.Should().Equal(1, 2);
        _aircall.Sent.Should().HaveCount(3, "a null entry may be a call the server failed to write: the page is asked again first");
        _aircall.Logs.Entries.Should().Contain(e => e.Contains("null", StringComparison.Ordinal) && e.Contains("skipped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_null_entry_that_goes_away_when_asked_again_costs_nothing()
    {
        Expect(1, """{"calls":[{"id":1,"started_at":1700000001},null],"meta":{"count":2,"total":2,"next_page_link":null}}""");
        Expect(1, Page([1, 2], total: 2, next: false));

        var ids = await CollectAsync();

        ids.Should().Equal(1, 2);
        _aircall.Http.VerifyNoOutstandingExpectation();
    }

    [Fact]
    public async Task A_checkpoint_written_before_the_window_total_was_kept_still_resumes_and_still_checks_each_pages_own_total()
    {
        // A token as earlier versions wrote it: no "wt" (the window's first total).
        var to = _aircall.Time.GetUtcNow().ToUnixTimeSeconds();
        var json = $$"""{"q":"{{CallQuery.All.Fingerprint()}}","to":{{to}},"page":2,"done":false,"last":1700000050,"n":50,"est":120,"w":1,"recent":[[1700000050,50]]}""";
        var token = "cq1." + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Expect(2, Page(Range(51, 50), total: 120, next: true));
        Expect(3, Page(Range(101, 4), total: 120, next: false));
        Expect(3, Page(Range(101, 20), total: 120, next: false));

        var ids = new List<long>();
        await foreach (var page in _aircall.Client().GetCallsAsync().AsPages(token, Ct))
        {
            ids.AddRange(page.Calls.Select(c => c.Id));
        }

        ids.Should().Equal(Range(51, 70));
        _aircall.Http.VerifyNoOutstandingExpectation();
    }

    private static long[] Range(long first, int count) => [.. Enumerable.Range(0, count).Select(i => first + i)];

    private void Expect(int page, string body)
        => _aircall.Http.Expect(HttpMethod.Get, Calls).WithQueryString("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)).Respond("application/json", body);

    private async Task<List<long>> CollectAsync()
    {
        var ids = new List<long>();
        await foreach (var call in _aircall.Client().GetCallsAsync().WithCancellation(Ct))
        {
            ids.Add(call.Id);
        }

        return ids;
    }

    private static string Page(long[] ids, int? total, bool next)
    {
        var calls = string.Join(',', ids.Select(id => $$"""{"id":{{id}},"started_at":{{1_700_000_000 + id}},"status":"done"}"""));
        var link = next ? "\"" + Calls + "?page=next\"" : "null";
        var totalJson = total is { } t ? $",\"total\":{t}" : string.Empty;
        return $$$"""{"calls":[{{{calls}}}],"meta":{"count":{{{ids.Length}}}{{{totalJson}}},"next_page_link":{{{link}}}}}""";
    }
}
