using System.Globalization;
using System.Net;
using System.Text;
using Aircall.CallSync.Tests.TestSupport;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Paging;

/// <summary>
/// Re-anchoring past the 10,000 cap when started_at is not the creation time, against a tiny in-test Aircall that
/// filters and orders by creation time, with exact control over each call's started_at.
/// </summary>
public sealed class ReanchorTests : IDisposable
{
    private const string Calls = MockAircall.BaseUrl + "v1/calls";
    private const long Origin = 1_770_000_000; // well before MockAircall's clock, so every call is under the upper bound
    private readonly MockAircall _aircall = new(o => o.RateLimit.PermitLimit = 100_000);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _aircall.Dispose();

    [Fact]
    public async Task The_last_call_of_a_window_starting_an_hour_late_skips_nothing_and_costs_two_requests()
    {
        // One call a second; the 10,000th (the last of the first window) carries a started_at an hour after its creation.
        var calls = Dataset(12_000, i => i == 9_999 ? 3_600 : 0);
        Serve(calls);

        var ids = await CollectAsync();

        ids.Should().Equal(calls.Select(c => c.Id), "every call once, in creation order");
        // 200 pages in the first window; one page of a window from the late started_at minus the overlap, which lists no
        // call already returned (it is empty: past every creation time) and is discarded; then 43 pages from the earliest
        // started_at of the last 50 calls minus the overlap (110 calls again, skipped by id). Without the late call: 242.
        _aircall.Sent.Should().HaveCount(200 + 1 + 43);
        _aircall.Logs.Entries.Should().Contain(e => e.Contains("did not begin with a call already returned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_re_anchor_that_cannot_be_confirmed_stops_loudly_after_every_call_before_it()
    {
        // Every started_at a day after the creation time: no start the enumeration can confirm from what it remembers.
        var calls = Dataset(10_500, _ => 86_400);
        Serve(calls);
        var ids = new List<long>();

        var act = async () =>
        {
            await foreach (var call in _aircall.Client().GetCallsAsync().WithCancellation(Ct))
            {
                ids.Add(call.Id);
            }
        };

        var error = (await act.Should().ThrowAsync<CallListInconsistentException>()).Which;
        error.Message.Should().Contain("Nothing was skipped").And.Contain("narrow the query");
        ids.Should().Equal(calls.Take(10_000).Select(c => c.Id), "the first window came out whole, each call once");
    }

    [Fact]
    public async Task A_window_whose_page_200_has_no_next_page_link_while_its_total_says_more_is_re_anchored_not_ended()
    {
        var calls = Dataset(10_700, _ => 0);
        Serve(calls, linkAtCap: false);

        var ids = await CollectAsync();

        ids.Should().Equal(calls.Select(c => c.Id));
    }

    private static List<(long Id, long Created, long Started)> Dataset(int count, Func<int, long> delay)
        => [.. Enumerable.Range(0, count).Select(i => (Id: 1_000L + i, Created: Origin + i, Started: Origin + i + delay(i)))];

    private void Serve(List<(long Id, long Created, long Started)> calls, bool linkAtCap = true)
        => _aircall.Http.When(HttpMethod.Get, Calls).Respond(request =>
        {
            var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri!.Query);
            long Read(string name, long fallback) => query[name] is { } v ? long.Parse(v, CultureInfo.InvariantCulture) : fallback;
            var from = Read("from", long.MinValue);
            var to = Read("to", long.MaxValue);
            var page = (int)Read("page", 1);
            var perPage = (int)Read("per_page", 20);
            var matching = calls.Where(c => c.Created >= from && c.Created <= to).ToList();
            if ((long)(page - 1) * perPage >= 10_000)
            {
                return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("""{"error":"Bad Request","errors":"Your query is limited to 10k results and pagination is out of bound, please use timestamps or other filters."}""", Encoding.UTF8, "application/json") };
            }

            var slice = matching.Skip((page - 1) * perPage).Take(perPage).ToList();
            var more = (page * perPage) < matching.Count && (linkAtCap || (long)page * perPage < 10_000);
            var next = more ? $"\"{Calls}?page={page + 1}\"" : "null";
            var body = new StringBuilder("{\"calls\":[");
            body.AppendJoin(',', slice.Select(c => string.Create(CultureInfo.InvariantCulture, $$"""{"id":{{c.Id}},"started_at":{{c.Started}},"status":"done"}""")));
            body.Append(CultureInfo.InvariantCulture, $"],\"meta\":{{\"count\":{slice.Count},\"total\":{matching.Count},\"current_page\":{page},\"per_page\":{perPage},\"next_page_link\":{next}}}}}");
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body.ToString(), Encoding.UTF8, "application/json") };
        });

    private async Task<List<long>> CollectAsync()
    {
        var ids = new List<long>();
        await foreach (var call in _aircall.Client().GetCallsAsync().WithCancellation(Ct))
        {
            ids.Add(call.Id);
        }

        return ids;
    }
}
