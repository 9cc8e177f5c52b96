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
    public async Task Next_n_requests_of_one_account_answer_503_while_other_accounts_are_served()
    {
        await using var sim = Create();
        var failing = sim.AddAccount("failing-api-id", "failing-api-token", callCount: 3);
        using var other = SimulatorHttp.Client(sim);
        using var http = SimulatorHttp.Client(sim, failing.ApiId, failing.ApiToken);
        sim.Faults.FailNextFor(failing, 2, 502, "/v1/calls");

        (await other.SendAsync(HttpMethod.Get, "/v1/calls")).Status.Should().Be(200, "another account's request does not consume the fault");
        (await http.SendAsync(HttpMethod.Get, "/v1/ping")).Status.Should().Be(200, "outside the path prefix");
        (await http.SendAsync(HttpMethod.Get, "/v1/calls")).Status.Should().Be(502);
        (await other.SendAsync(HttpMethod.Get, "/v1/calls")).Status.Should().Be(200);
        (await http.SendAsync(HttpMethod.Get, "/v1/calls")).Status.Should().Be(502);
        (await http.SendAsync(HttpMethod.Get, "/v1/calls")).Status.Should().Be(200, "two requests of the account had it");
        sim.Requests.Select(r => (r.Account, r.Fault)).Should().Equal(
            (sim.DefaultAccount.ApiId, null), (failing.ApiId, null), (failing.ApiId, "502"), (sim.DefaultAccount.ApiId, null), (failing.ApiId, "502"), (failing.ApiId, null));
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
    public async Task A_stalled_body_sends_its_headers_and_first_bytes_then_nothing_until_the_client_gives_up()
    {
        await using var sim = Create();
        var address = await sim.StartKestrelAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = SimulatorHttp.Client(sim).DefaultRequestHeaders.Authorization;
        sim.Faults.StallBodyNext(1, 200, "/v1/calls");

        using var response = await http.GetAsync("/v1/calls", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        ((int)response.StatusCode).Should().Be(200);
        response.Content.Headers.ContentLength.Should().BeGreaterThan(200, "the headers announce the whole body");
        await using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var buffer = new byte[64 * 1024];
        var received = 0;
        while (received < 200)
        {
            var read = await body.ReadAsync(buffer.AsMemory(received), TestContext.Current.CancellationToken);
            read.Should().BePositive();
            received += read;
        }

        received.Should().Be(200);
        using var giveUp = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        giveUp.CancelAfter(TimeSpan.FromMilliseconds(300));
        var more = async () => await body.ReadAsync(buffer, giveUp.Token);
        await more.Should().ThrowAsync<OperationCanceledException>("nothing more comes until the client gives up");

        // The next request is answered in full.
        (await http.SendAsync(HttpMethod.Get, "/v1/calls")).Status.Should().Be(200);

        // The stalled request is recorded once the server sees the client gone (its connection closed).
        response.Dispose();
        for (var i = 0; i < 500 && sim.Requests.Count < 2; i++)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        sim.Requests.Select(r => r.Fault).Should().BeEquivalentTo(new[] { "stall", null });
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_far_ahead_reset_comes_on_a_429_or_on_a_200_with_nothing_remaining(bool tooManyRequests)
    {
        var clock = new FakeTimeProvider(SimulatorHttp.Start);
        await using var sim = Create(clock);
        using var http = SimulatorHttp.Client(sim);
        sim.Faults.ResetFarAheadNext(1, TimeSpan.FromDays(1), tooManyRequests, "/v1/calls");

        using (var response = await http.GetAsync("/v1/calls", TestContext.Current.CancellationToken))
        {
            ((int)response.StatusCode).Should().Be(tooManyRequests ? 429 : 200);
            response.Headers.GetValues("X-AircallApi-Remaining").Should().Equal("0");
            response.Headers.GetValues("X-AircallApi-Reset").Should().Equal(SimulatorHttp.Start.AddDays(1).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        sim.RateLimitedCount.Should().Be(tooManyRequests ? 1 : 0);
        sim.Requests.Single().Fault.Should().Be("reset-far-ahead");
        (await http.SendAsync(HttpMethod.Get, "/v1/calls")).Status.Should().Be(200, "the account was never really blocked");
    }

    [Fact]
    public async Task A_skewed_date_comes_on_every_kind_of_response_and_shifts_the_reset_over_kestrel()
    {
        var clock = new FakeTimeProvider(SimulatorHttp.Start);
        await using var sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 5, RateLimit = 1, TimeProvider = clock });
        var address = await sim.StartKestrelAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = SimulatorHttp.Client(sim).DefaultRequestHeaders.Authorization;
        var offset = TimeSpan.FromMinutes(-7);
        sim.Faults.SkewDateNext(2, offset, "/v1/ping");

        using (var ok = await http.GetAsync("/v1/ping", TestContext.Current.CancellationToken))
        {
            ((int)ok.StatusCode).Should().Be(200);
            ok.Headers.Date.Should().Be(SimulatorHttp.Start + offset);
        }

        using (var limited = await http.GetAsync("/v1/ping", TestContext.Current.CancellationToken))
        {
            ((int)limited.StatusCode).Should().Be(429);
            limited.Headers.Date.Should().Be(SimulatorHttp.Start + offset);
            limited.Headers.GetValues("X-AircallApi-Reset").Should().Equal(SimulatorHttp.Start.AddSeconds(60).Add(offset).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        using (var plain = await http.GetAsync("/v1/ping", TestContext.Current.CancellationToken))
        {
            plain.Headers.Date.Should().NotBe(SimulatorHttp.Start + offset, "only the next two responses are skewed");
        }

        sim.Requests.Select(r => r.Fault).Should().Equal("skew-date", "skew-date", null);
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

    [Fact]
    public async Task Disposing_the_simulator_ends_a_slow_response_in_flight_instead_of_waiting_for_it()
    {
        var held = TimeSpan.FromHours(1);
        var clock = new TimerWatchingClock(SimulatorHttp.Start, held);
        var sim = Create(clock);
        var address = await sim.StartKestrelAsync(TestContext.Current.CancellationToken);
        using var http = new HttpClient { BaseAddress = address };
        http.DefaultRequestHeaders.Authorization = SimulatorHttp.Client(sim).DefaultRequestHeaders.Authorization;
        sim.Faults.SlowNext(1, held);
        var pending = http.GetAsync("/v1/ping", TestContext.Current.CancellationToken);
        await clock.TimerCreated.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken); // the request is held

        // Kestrel waits for a request in flight up to its shutdown timeout (30 s) before aborting it: the simulator must
        // end its slow answer at once instead, so that a process using it stops promptly. 10 s is generous for any machine.
        await sim.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        try
        {
            using var response = await pending;
            response.StatusCode.Should().NotBe(System.Net.HttpStatusCode.OK, "the slow answer was cut short, never completed");
        }
        catch (HttpRequestException)
        {
            // The connection closed under it: cut short as well.
        }
    }
}
