using System.Text.Json;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.IntegrationTests.Simulator;

public sealed class PagingTests
{
    private static AircallSimulator Create(int calls = 120, int busiest = 0) => new(new AircallSimulatorOptions
    {
        CallCount = calls,
        CallsInBusiestSecond = busiest,
        RateLimit = 0,
        TimeProvider = new FakeTimeProvider(SimulatorHttp.Start),
    });

    [Fact]
    public async Task Pages_default_to_20_in_ascending_creation_order_with_absolute_links()
    {
        await using var sim = Create();
        using var http = SimulatorHttp.Client(sim);

        var first = await http.GetJsonAsync("/v1/calls");
        var meta = first.GetProperty("meta");
        meta.GetProperty("count").GetInt32().Should().Be(20);
        meta.GetProperty("total").GetInt32().Should().Be(120);
        meta.GetProperty("current_page").GetInt32().Should().Be(1);
        meta.GetProperty("per_page").GetInt32().Should().Be(20);
        meta.GetProperty("previous_page_link").ValueKind.Should().Be(JsonValueKind.Null);
        var next = meta.GetProperty("next_page_link").GetString();
        next.Should().Be("http://localhost/v1/calls?page=2");

        var starts = first.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("started_at").GetInt64()).ToList();
        starts.Should().BeInAscendingOrder();

        var second = await http.GetJsonAsync(next!);
        second.GetProperty("meta").GetProperty("previous_page_link").GetString().Should().Be("http://localhost/v1/calls?page=1");
        second.Ids().Should().NotIntersectWith(first.Ids());
    }

    [Fact]
    public async Task Following_next_page_links_returns_every_call_once_and_keeps_other_parameters()
    {
        await using var sim = Create();
        using var http = SimulatorHttp.Client(sim);
        var ids = new List<long>();
        string? url = "/v1/calls?per_page=50&order=desc&page=1";
        while (url is not null)
        {
            var page = await http.GetJsonAsync(url);
            ids.AddRange(page.Ids());
            url = page.GetProperty("meta").GetProperty("next_page_link").GetString();
            url?.Should().Contain("per_page=50").And.Contain("order=desc");
        }

        ids.Should().HaveCount(120).And.OnlyHaveUniqueItems();
        ids.Should().Equal(sim.DefaultAccount.EnumerateCalls().Reverse().Select(c => c.Id));
    }

    [Theory]
    [InlineData("per_page=0")]
    [InlineData("per_page=51")]
    [InlineData("per_page=abc")]
    [InlineData("page=0")]
    public async Task Invalid_paging_is_a_400(string query)
    {
        await using var sim = Create();
        using var http = SimulatorHttp.Client(sim);

        var (status, body) = await http.SendAsync(HttpMethod.Get, "/v1/calls?" + query);

        status.Should().Be(400);
        body.Should().Contain("\"error\":\"Bad Request\"");
    }

    [Fact]
    public async Task Per_page_50_is_allowed()
    {
        await using var sim = Create();
        using var http = SimulatorHttp.Client(sim);

        (await http.GetJsonAsync("/v1/calls?per_page=50")).Ids().Should().HaveCount(50);
    }

    [Fact]
    public async Task From_and_to_are_inclusive_bounds_on_started_at()
    {
        await using var sim = Create(300);
        using var http = SimulatorHttp.Client(sim);
        var all = sim.DefaultAccount.EnumerateCalls().ToList();
        var from = all[100].StartedAt!.Value.ToUnixTimeSeconds();
        var to = all[200].StartedAt!.Value.ToUnixTimeSeconds();
        var expected = all.Where(c => c.StartedAt!.Value.ToUnixTimeSeconds() >= from && c.StartedAt.Value.ToUnixTimeSeconds() <= to).Select(c => c.Id).ToList();

        var ids = new List<long>();
        string? url = $"/v1/calls?from={from}&to={to}&per_page=50";
        while (url is not null)
        {
            var page = await http.GetJsonAsync(url);
            page.GetProperty("meta").GetProperty("total").GetInt32().Should().Be(expected.Count);
            ids.AddRange(page.Ids());
            url = page.GetProperty("meta").GetProperty("next_page_link").GetString();
        }

        ids.Should().Equal(expected);
        expected.Should().Contain(all[100].Id).And.Contain(all[200].Id);
    }

    [Fact]
    public async Task More_than_10000_calls_in_one_second_hit_the_cap_with_Aircalls_400_body_verbatim()
    {
        await using var sim = Create(calls: 12_345, busiest: 10_500);
        using var http = SimulatorHttp.Client(sim);
        var busy = sim.DefaultAccount.EnumerateCalls()
            .GroupBy(c => c.StartedAt!.Value.ToUnixTimeSeconds()).MaxBy(g => g.Count())!;
        busy.Count().Should().BeGreaterThanOrEqualTo(10_500);
        var second = busy.Key;

        var last = await http.GetJsonAsync($"/v1/calls?from={second}&to={second}&per_page=50&page=200");
        last.Ids().Should().HaveCount(50);
        last.GetProperty("meta").GetProperty("total").GetInt32().Should().Be(busy.Count());
        var next = last.GetProperty("meta").GetProperty("next_page_link").GetString();
        next.Should().NotBeNull("the total says there is more, even though the cap forbids it");

        var (status, body) = await http.SendAsync(HttpMethod.Get, next!);

        status.Should().Be(400);
        body.Should().Be("""{"error":"Bad Request","message":"BAD_REQUEST","errors":"Your query is limited to 10k results and pagination is out of bound, please use timestamps or other filters.","troubleshoot":"BAD_REQUEST","success":false}""");
    }

    [Fact]
    public async Task Calls_added_during_an_enumeration_shift_later_pages()
    {
        await using var sim = Create(60);
        using var http = SimulatorHttp.Client(sim);
        var first = await http.GetJsonAsync("/v1/calls?per_page=20");
        var firstCall = sim.DefaultAccount.GetCall(first.Ids()[0])!;

        var added = sim.DefaultAccount.AddCalls(3, firstCall.StartedAt);
        var second = await http.GetJsonAsync("/v1/calls?per_page=20&page=2");

        added.Should().HaveCount(3);
        second.GetProperty("meta").GetProperty("total").GetInt32().Should().Be(63);
        second.Ids().Should().Contain(first.Ids()[^3..], "the inserted calls pushed the end of page 1 onto page 2");
    }
}
