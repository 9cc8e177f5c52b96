using System.Text.Json;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.IntegrationTests.Simulator;

public sealed class FaultTests
{
    private static AircallSimulator Create(FakeTimeProvider? clock = null, double dropRate = 0) => new(new AircallSimulatorOptions
    {
        CallCount = 30,
        RateLimit = 0,
        DroppedConnectionRate = dropRate,
        TimeProvider = clock ?? new FakeTimeProvider(SimulatorHttp.Start),
    });

    [Fact]
    public async Task Next_n_requests_to_a_path_answer_503_then_recover()
    {
        await using var sim = Create();
        using var http = SimulatorHttp.Client(sim);
        sim.Faults.FailNext(2, 503, "/v1/calls");

        (await http.SendAsync(HttpMethod.Get, "/v1/ping")).Status.Should().Be(200);
        (await http.SendAsync(HttpMethod.Get, "/v1/calls")).Status.Should().Be(503);
        (await http.SendAsync(HttpMethod.Get, "/v1/calls/search")).Status.Should().Be(503);
        (await http.SendAsync(HttpMethod.Get, "/v1/calls")).Status.Should().Be(200);
        sim.Requests.Select(r => r.Fault).Should().Equal(null, "503", "503", null);
    }

    [Fact]
    public async Task A_dropped_request_throws_HttpRequestException_with_an_IOException_in_memory()
    {
        await using var sim = Create();
        using var http = SimulatorHttp.Client(sim);
        sim.Faults.DropRequest(2);

        (await http.SendAsync(HttpMethod.Get, "/v1/ping")).Status.Should().Be(200);
        var act = () => http.GetAsync("/v1/calls", TestContext.Current.CancellationToken);
        (await act.Should().ThrowAsync<HttpRequestException>()).WithInnerException<IOException>();
        (await http.SendAsync(HttpMethod.Get, "/v1/calls")).Status.Should().Be(200);
        sim.Requests[1].Should().Match<SimulatorRequest>(r => r.Number == 2 && r.StatusCode == 0 && r.Fault == "drop");
    }

    [Fact]
    public async Task A_dropped_request_aborts_the_connection_on_kestrel()
    {
        await using var sim = Create();
        var address = await sim.StartKestrelAsync(TestContext.Current.CancellationToken);
        address.Host.Should().Be("127.0.0.1");
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = SimulatorHttp.Client(sim).DefaultRequestHeaders.Authorization;
        sim.Faults.DropNext(1, "/v1/calls");

        var act = () => http.GetAsync("/v1/calls", TestContext.Current.CancellationToken);
        await act.Should().ThrowAsync<HttpRequestException>();
        (await http.SendAsync(HttpMethod.Get, "/v1/calls")).Status.Should().Be(200);
    }

    [Fact]
    public async Task Malformed_json_is_a_200_that_does_not_parse()
    {
        await using var sim = Create();
        using var http = SimulatorHttp.Client(sim);
        sim.Faults.MalformNext(1);

        var (status, body) = await http.SendAsync(HttpMethod.Get, "/v1/calls");

        status.Should().Be(200);
        var parse = () => JsonDocument.Parse(body);
        parse.Should().Throw<JsonException>();
    }

    [Fact]
    public async Task A_slow_response_waits_for_the_simulators_clock()
    {
        var clock = new FakeTimeProvider(SimulatorHttp.Start);
        await using var sim = Create(clock);
        using var http = SimulatorHttp.Client(sim);
        sim.Faults.SlowNext(1, TimeSpan.FromSeconds(10));

        var pending = http.GetAsync("/v1/ping", TestContext.Current.CancellationToken);
        var advanced = TimeSpan.Zero;
        while (!pending.IsCompleted && advanced < TimeSpan.FromMinutes(1))
        {
            await Task.Yield();
            await Task.Delay(5, TestContext.Current.CancellationToken);
            clock.Advance(TimeSpan.FromSeconds(1));
            advanced += TimeSpan.FromSeconds(1);
        }

        using var response = await pending;
        ((int)response.StatusCode).Should().Be(200);
        advanced.Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(10));
        sim.Requests.Single().Fault.Should().Be("slow");
    }

    [Fact]
    public async Task Random_faults_are_seeded_and_reproducible()
    {
        async Task<string?[]> RunAsync()
        {
            await using var sim = Create(dropRate: 0.3);
            using var http = SimulatorHttp.Client(sim);
            for (var i = 0; i < 30; i++)
            {
                try
                {
                    await http.GetAsync("/v1/ping", TestContext.Current.CancellationToken);
                }
                catch (HttpRequestException)
                {
                }
            }

            return [.. sim.Requests.Select(r => r.Fault)];
        }

        var first = await RunAsync();
        first.Should().Contain("drop").And.Contain((string?)null);
        (await RunAsync()).Should().Equal(first);
    }
}
