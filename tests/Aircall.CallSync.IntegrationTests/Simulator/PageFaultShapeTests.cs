using System.Text.Json;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.IntegrationTests.Simulator;

/// <summary>The simulator's faults in the content of call lists, as raw HTTP.</summary>
public sealed class PageFaultShapeTests
{
    private static AircallSimulator Create(int calls = 120) => new(new AircallSimulatorOptions
    {
        CallCount = calls,
        RateLimit = 0,
        PeriodEnd = SimulatorHttp.Start,
        TimeProvider = new FakeTimeProvider(SimulatorHttp.Start),
    });

    [Fact]
    public async Task An_empty_page_keeps_the_total_and_a_next_page_link_then_the_real_page_comes_back()
    {
        await using var sim = Create();
        using var http = SimulatorHttp.Client(sim);
        sim.Faults.EmptyPageNext(1);

        (await http.SendAsync(HttpMethod.Get, "/v1/ping")).Status.Should().Be(200, "only list requests consume page faults");
        var faulted = await http.GetJsonAsync("/v1/calls?per_page=50&page=3");
        var real = await http.GetJsonAsync("/v1/calls?per_page=50&page=3");

        faulted.GetProperty("calls").GetArrayLength().Should().Be(0);
        faulted.GetProperty("meta").GetProperty("total").GetInt32().Should().Be(120);
        faulted.GetProperty("meta").GetProperty("next_page_link").GetString().Should().EndWith("page=4");
        real.GetProperty("calls").GetArrayLength().Should().Be(20);
        sim.Requests.Select(r => r.Fault).Should().Equal(null, "empty-page", null);
    }

    [Fact]
    public async Task A_short_page_has_no_next_page_link_while_the_total_says_more()
    {
        await using var sim = Create();
        using var http = SimulatorHttp.Client(sim);
        sim.Faults.ShortPageNext(1, callsKept: 7, pathPrefix: "/v1/calls/search");

        var untouched = await http.GetJsonAsync("/v1/calls?per_page=50");
        var faulted = await http.GetJsonAsync("/v1/calls/search?per_page=50&direction=inbound");

        untouched.GetProperty("calls").GetArrayLength().Should().Be(50);
        faulted.GetProperty("calls").GetArrayLength().Should().Be(7);
        faulted.GetProperty("meta").GetProperty("total").GetInt32().Should().BeGreaterThan(7);
        faulted.GetProperty("meta").TryGetProperty("next_page_link", out var next).Should().BeTrue();
        next.ValueKind.Should().Be(JsonValueKind.Null);
    }

    [Theory]
    [InlineData(SimulatorPageBody.EmptyObject, "{}")]
    [InlineData(SimulatorPageBody.NullCalls, "{\"calls\":null,\"meta\":")]
    [InlineData(SimulatorPageBody.NullEntry, "{\"calls\":[null,{\"id\":")]
    public async Task Unexpected_bodies_are_valid_json_but_not_a_call_list(SimulatorPageBody body, string starts)
    {
        await using var sim = Create();
        using var http = SimulatorHttp.Client(sim);
        sim.Faults.UnexpectedBodyNext(1, body);

        var (status, text) = await http.SendAsync(HttpMethod.Get, "/v1/calls?per_page=5");

        status.Should().Be(200);
        text.Should().StartWith(starts);
        var parse = () => JsonDocument.Parse(text);
        parse.Should().NotThrow();
        if (body == SimulatorPageBody.NullEntry)
        {
            JsonDocument.Parse(text).RootElement.GetProperty("calls").GetArrayLength().Should().Be(6, "the null comes in front of the page's real calls");
        }
    }

    [Fact]
    public async Task Late_started_at_changes_started_at_but_not_the_creation_order_or_the_filters()
    {
        await using var sim = Create(calls: 300);
        using var http = SimulatorHttp.Client(sim);
        var created = sim.DefaultAccount.EnumerateCalls().ToList();
        sim.Faults.LateStartedAt(share: 1, maxDelay: TimeSpan.FromHours(6));

        var ids = new List<long>();
        var started = new List<long>();
        for (var page = 1; page <= 6; page++)
        {
            var json = await http.GetJsonAsync($"/v1/calls?per_page=50&page={page}");
            foreach (var call in json.GetProperty("calls").EnumerateArray())
            {
                ids.Add(call.GetProperty("id").GetInt64());
                started.Add(call.GetProperty("started_at").GetInt64());
            }
        }

        ids.Should().Equal(created.Select(c => c.Id), "the list is ordered by creation time");
        started.Should().NotBeInAscendingOrder();
        started.Zip(created, (s, c) => s - c.StartedAt!.Value.ToUnixTimeSeconds()).Should().OnlyContain(d => d >= 1 && d <= 6 * 3600);
        var pivot = created[150].StartedAt!.Value.ToUnixTimeSeconds();
        var from = await http.GetJsonAsync($"/v1/calls?per_page=50&from={pivot}");
        from.GetProperty("meta").GetProperty("total").GetInt32().Should().Be(created.Count(c => c.StartedAt!.Value.ToUnixTimeSeconds() >= pivot), "from filters on creation time");
        (await http.GetJsonAsync($"/v1/calls/{ids[0]}")).GetProperty("call").GetProperty("started_at").GetInt64().Should().Be(started[0]);

        sim.Faults.Clear();
        (await http.GetJsonAsync($"/v1/calls/{ids[0]}")).GetProperty("call").GetProperty("started_at").GetInt64().Should().Be(created[0].StartedAt!.Value.ToUnixTimeSeconds());
    }
}
