using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Aircall.CallSync.Testing;

namespace Aircall.CallSync.IntegrationTests.Samples;

/// <summary>
/// samples/Aircall.CallSync.Samples.Webhook run as a process on a free port of 127.0.0.1: configured with a token and fed
/// the real captured deliveries, in demo mode, and registering itself on a simulator with --register.
/// </summary>
[Collection(SampleProcesses.Name)]
public sealed class WebhookSampleTests : IDisposable
{
    private const string Sample = "Aircall.CallSync.Samples.Webhook";
    private const string FixtureToken = "58ffd2bc5f3113f7bebf210a49299a1b";
    private const string AdminToken = "admin-token-for-the-tests-0123456789";
    private readonly SampleDatabase _database = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _http.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task With_a_configured_token_it_stores_real_deliveries_and_shows_them_at_GET_calls()
    {
        var address = FreeLoopbackAddress();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Calls"] = _database.ConnectionString,
            ["Aircall__WebhookToken"] = FixtureToken,
            ["Sample__AdminToken"] = AdminToken,
        };
        await using var sample = SampleProcess.Start(Sample, _database.Directory, environment, "--urls", address.ToString());
        await WaitUntilServingAsync(sample, address);
        sample.Stdout.Should().NotContain("Demo mode").And.NotContain(AdminToken, "the admin token is a secret");

        // The outbound lifecycle newest first (out of order, as Aircall may deliver), then the inbound events, then non-call events.
        var fixtures = Path.Combine(SampleProcess.RepoRoot, "tests", "fixtures", "aircall-samples", "webhooks");
        string[] files =
        [
            "call-ended-outbound-780836699.json", "call-hungup-outbound-780836699.json", "call-unhold-outbound-780836699.json",
            "call-hold-outbound-780836699.json", "call-answered-outbound-780836699.json", "call-created-outbound-780836699.json",
            "call-tagged-inbound-780883160.json", "call-commented-inbound-780883160.json", "contact-created.json", "user-connected.json",
        ];
        foreach (var file in files)
        {
            using var body = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(fixtures, file), Ct));
            body.Headers.ContentType = new("application/json");
            using var response = await _http.PostAsync(new Uri(address, "aircall/webhook"), body, Ct);
            response.StatusCode.Should().Be(HttpStatusCode.OK, $"{file}: {await response.Content.ReadAsStringAsync(Ct)}\n{sample.Output}");
        }

        var wrongToken = (await File.ReadAllTextAsync(Path.Combine(fixtures, "call-created-outbound-780836699.json"), Ct)).Replace(FixtureToken, "0123456789abcdef0123456789abcdef", StringComparison.Ordinal);
        using (var content = new StringContent(wrongToken, System.Text.Encoding.UTF8, "application/json"))
        using (var refused = await _http.PostAsync(new Uri(address, "aircall/webhook"), content, Ct))
        {
            refused.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        // GET /calls shows phone numbers and users: only with the admin token, compared whole.
        foreach (var authorization in (string?[])[null, "Bearer", "Bearer wrong-token-0123456789abcdef", "Bearer " + AdminToken + "x", "Basic " + AdminToken, AdminToken])
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(address, "calls"));
            if (authorization is not null)
            {
                request.Headers.TryAddWithoutValidation("Authorization", authorization);
            }

            using var refusedList = await _http.SendAsync(request, Ct);
            refusedList.StatusCode.Should().Be(HttpStatusCode.Unauthorized, $"Authorization: {authorization ?? "(none)"}");
            (await refusedList.Content.ReadAsStringAsync(Ct)).Should().NotContain("780836699");
        }

        using (var refusedOne = await _http.GetAsync(new Uri(address, "calls/780836699"), Ct))
        {
            refusedOne.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        }

        _http.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
        using var list = JsonDocument.Parse(await _http.GetStringAsync(new Uri(address, "calls"), Ct));
        list.RootElement.GetProperty("total").GetInt64().Should().Be(2);
        list.RootElement.GetProperty("calls").EnumerateArray().Select(c => c.GetProperty("call").GetProperty("id").GetInt64())
            .Should().BeEquivalentTo([780836699L, 780883160L]);

        using var outbound = JsonDocument.Parse(await _http.GetStringAsync(new Uri(address, "calls/780836699"), Ct));
        var call = outbound.RootElement.GetProperty("call");
        call.GetProperty("status").GetString().Should().Be("done", "call.ended is the newest state; older events delivered after it do not overwrite it");
        call.GetProperty("duration").GetInt64().Should().Be(20);
        outbound.RootElement.GetProperty("version").GetInt64().Should().Be(1646389786, "the version is call.ended's timestamp");
        (await _http.GetAsync(new Uri(address, "calls/1"), Ct)).StatusCode.Should().Be(HttpStatusCode.NotFound);

        _database.Count().Should().Be((2L, 2L));
        _database.ColumnsInconsistentWithPayload().Should().BeEmpty();
        _database.Scalar("SELECT in_call_duration FROM calls WHERE id = 780836699").Should().Be(
            _database.Scalar("SELECT ended_at - answered_at FROM calls WHERE id = 780836699"));
        _database.Scalar("SELECT json_array_length(tags) FROM calls WHERE id = 780883160").Should().BeGreaterThan(0);
        _database.Scalar("SELECT json_array_length(comments) FROM calls WHERE id = 780883160").Should().BeGreaterThan(0);

        sample.Interrupt();
        (await sample.WaitForExitAsync(TimeSpan.FromSeconds(30))).Should().Be(0, sample.Output);
    }

    [Fact]
    public async Task Without_an_admin_token_GET_calls_is_not_served_on_the_public_port()
    {
        var address = FreeLoopbackAddress();
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Calls"] = _database.ConnectionString,
            ["Aircall__WebhookToken"] = FixtureToken,
        };
        await using var sample = SampleProcess.Start(Sample, _database.Directory, environment, "--urls", address.ToString());
        await WaitUntilServingAsync(sample, address);
        var fixture = Path.Combine(SampleProcess.RepoRoot, "tests", "fixtures", "aircall-samples", "webhooks", "call-ended-outbound-780836699.json");
        using (var body = new ByteArrayContent(await File.ReadAllBytesAsync(fixture, Ct)))
        using (var stored = await _http.PostAsync(new Uri(address, "aircall/webhook"), body, Ct))
        {
            stored.StatusCode.Should().Be(HttpStatusCode.OK, "the webhook endpoint is served");
        }

        _http.DefaultRequestHeaders.Authorization = new("Bearer", "any-token-at-all-0123456789");
        foreach (var path in (string[])["calls", "calls/780836699", "calls?limit=1000"])
        {
            using var response = await _http.GetAsync(new Uri(address, path), Ct);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            (await response.Content.ReadAsStringAsync(Ct)).Should().NotContain("780836699");
        }

        sample.Stdout.Should().Contain("Sample:AdminToken");
        _database.Count().Should().Be((1L, 1L));
    }

    [Theory]
    [InlineData("short")]
    [InlineData(" admin-token-for-the-tests-0123456789")]
    public async Task An_admin_token_that_is_too_short_or_padded_stops_the_sample_with_exit_code_2(string adminToken)
    {
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Calls"] = _database.ConnectionString,
            ["Aircall__WebhookToken"] = FixtureToken,
            ["Sample__AdminToken"] = adminToken,
        };
        await using var sample = SampleProcess.Start(Sample, _database.Directory, environment, "--urls", "http://127.0.0.1:0");

        (await sample.WaitForExitAsync()).Should().Be(2, sample.Output);
        sample.Stderr.Should().Contain("Sample:AdminToken");
    }

    [Fact]
    public async Task Demo_mode_registers_itself_on_the_simulator_and_stores_the_delivered_calls()
    {
        var environment = new Dictionary<string, string> { ["ConnectionStrings__Calls"] = _database.ConnectionString };

        await using var sample = SampleProcess.Start(Sample, _database.Directory, environment, "--urls", "http://127.0.0.1:0", "--demo-exit");

        (await sample.WaitForExitAsync()).Should().Be(0, sample.Output);
        sample.Stdout.Should().Contain("Demo mode").And.Contain("Registered webhook").And.Contain("0 failed");
        _database.Count().Should().Be((3L, 3L));
        _database.Scalar("SELECT COUNT(*) FROM calls WHERE status = 'done'").Should().Be(3, "every lifecycle ends with call.ended");
        _database.ColumnsInconsistentWithPayload().Should().BeEmpty();
    }

    [Fact]
    public async Task Register_ensures_the_webhook_on_the_account_prints_its_token_once_and_receives_deliveries()
    {
        await using var simulator = new AircallSimulator(new AircallSimulatorOptions { CallCount = 0, Seed = 3 });
        var api = await simulator.StartKestrelAsync(TestContext.Current.CancellationToken);
        var address = FreeLoopbackAddress();
        var endpoint = new Uri(address, "aircall/webhook");
        var environment = new Dictionary<string, string>
        {
            ["ConnectionStrings__Calls"] = _database.ConnectionString,
            ["Aircall__ApiId"] = simulator.DefaultAccount.ApiId,
            ["Aircall__ApiToken"] = simulator.DefaultAccount.ApiToken,
            ["Aircall__BaseAddress"] = api.ToString(),
            ["Sample__AdminToken"] = AdminToken,
        };
        await using var sample = SampleProcess.Start(Sample, _database.Directory, environment, "--urls", address.ToString(), "--register", endpoint.ToString());

        var tokenLine = await sample.WaitForLineAsync(line => line.StartsWith("Aircall:WebhookToken=", StringComparison.Ordinal));
        var webhook = simulator.DefaultAccount.GetWebhooks().Should().ContainSingle().Subject;
        webhook.Url.Should().Be(endpoint.ToString());
        tokenLine.Should().Be("Aircall:WebhookToken=" + webhook.Token);
        sample.Stdout.Split(webhook.Token!).Length.Should().Be(2, "the token is printed once");
        sample.Stdout.Should().Contain("secret");

        var ids = await simulator.Webhooks.SimulateCallsAsync(4, Ct);

        simulator.Webhooks.Deliveries.Should().OnlyContain(d => d.Succeeded, sample.Output);
        _http.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
        using var list = JsonDocument.Parse(await _http.GetStringAsync(new Uri(address, "calls"), Ct));
        list.RootElement.GetProperty("total").GetInt64().Should().Be(4);
        _database.Ids().Should().BeEquivalentTo(ids);
    }

    private async Task WaitUntilServingAsync(SampleProcess sample, Uri address)
    {
        await sample.WaitForLineAsync(line => line.StartsWith("Listening on", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        using var response = await _http.GetAsync(address, Ct);
        response.StatusCode.Should().Be(HttpStatusCode.OK, sample.Output);
    }

    /// <summary>An address on 127.0.0.1 whose port nothing listens on (it was free a moment ago).</summary>
    internal static Uri FreeLoopbackAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/");
    }
}
