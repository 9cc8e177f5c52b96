using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Aircall.CallSync.IntegrationTests.Samples;

/// <summary>
/// samples/Aircall.CallSync.Samples.Simulator run as a process: it stops on SIGTERM and Ctrl+C with exit code 0, refuses
/// a bad command line with exit code 2 and the usage, and delivers call lifecycles to a webhook URL it is given.
/// </summary>
[Collection(SampleProcesses.Name)]
public sealed partial class SimulatorSampleTests
{
    private const string Sample = "Aircall.CallSync.Samples.Simulator";

    /// <summary>How long a stopped simulator may take to exit: it takes well under a second; this bound is for a busy machine.</summary>
    private static readonly TimeSpan ExitBound = TimeSpan.FromSeconds(10);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("SIGTERM")]
    [InlineData("SIGINT")]
    public async Task A_signal_stops_it_with_exit_code_0(string signal)
    {
        await using var sample = Start("--port", "0", "--calls", "50");
        var address = await ListeningAddressAsync(sample);
        using (var http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) })
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("sim-api-id:sim-api-token")));
            (await http.GetStringAsync("v1/ping", Ct)).Should().Be("""{"ping":"pong"}""", "it serves the API until stopped");
        }

        if (signal == "SIGTERM")
        {
            sample.Terminate();
        }
        else
        {
            sample.Interrupt();
        }

        (await sample.WaitForExitAsync(ExitBound)).Should().Be(0, sample.Output);
        sample.Stdout.Should().Contain("Stopped after 1 requests");
    }

    [Theory]
    [InlineData("--no-such-option")]
    [InlineData("--port")]
    [InlineData("--port", "eighty")]
    [InlineData("--error-rate", "2")]
    [InlineData("--webhook-url", "not a url")]
    [InlineData("--webhook-token", "sim-webhook-token")]
    [InlineData("--oauth-client-id", "only-the-id")]
    [InlineData("--oauth-redirect-uri", "not a url")]
    [InlineData("--account-calls", "5")]
    [InlineData("--accounts", "-1")]
    public async Task A_bad_command_line_exits_with_code_2_and_prints_the_usage(params string[] args)
    {
        await using var sample = Start(args);

        (await sample.WaitForExitAsync(ExitBound)).Should().Be(2, sample.Output);
        sample.Stderr.Should().Contain("error: ").And.Contain(args[0]).And.Contain("Usage:").And.Contain("--webhook-url");
        sample.Stdout.Should().NotContain("listening", "nothing starts");
    }

    [Fact]
    public async Task Help_prints_the_usage_and_exits_with_code_0()
    {
        await using var sample = Start("--help");

        (await sample.WaitForExitAsync(ExitBound)).Should().Be(0, sample.Output);
        sample.Stdout.Should().Contain("Usage:").And.Contain("--webhook-url").And.Contain("SIGTERM");
    }

    [Fact]
    public async Task With_a_webhook_url_it_delivers_call_lifecycles_there_with_the_given_token()
    {
        const string token = "test-webhook-token-not-a-secret";
        await using var receiver = await LoopbackWebhookReceiver.StartAsync();
        await using var sample = Start(
            "--port", "0", "--calls", "20", "--webhook-url", receiver.Url.ToString(), "--webhook-token", token,
            "--webhook-calls", "4", "--webhook-interval", "0");

        await sample.WaitForLineAsync(line => line.StartsWith("Webhook: 4 call lifecycles delivered", StringComparison.Ordinal));

        sample.Stdout.Should().Contain($"POST 4 call lifecycles to {receiver.Url}").And.NotContain(token, "a token given on the command line is not printed");
        var printedIds = CallLine().Matches(sample.Stdout).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        printedIds.Should().HaveCount(4, sample.Output);
        var received = receiver.Received.ToList();
        received.Should().OnlyContain(r => r.Method == "POST" && r.Path == "/aircall/webhook" && r.ContentType == "application/json");
        var envelopes = received.Select(r => r.Json).ToList();
        envelopes.Should().OnlyContain(e => e.GetProperty("resource").GetString() == "call"
            && e.GetProperty("event").GetString()!.StartsWith("call.", StringComparison.Ordinal)
            && e.GetProperty("token").GetString() == token
            && e.GetProperty("timestamp").GetInt64() <= DateTimeOffset.UtcNow.ToUnixTimeSeconds()
            && e.GetProperty("data").GetProperty("id").GetInt64() > 0);

        var byCall = envelopes.GroupBy(e => e.GetProperty("data").GetProperty("id").GetInt64()).ToDictionary(g => g.Key, g => g.ToList());
        byCall.Keys.Should().BeEquivalentTo(printedIds, "every call it printed was delivered, and nothing else");
        foreach (var (id, events) in byCall)
        {
            var names = events.Select(e => e.GetProperty("event").GetString()).ToList();
            names.Should().StartWith("call.created").And.Contain(["call.hungup", "call.ended"], $"call {id}'s lifecycle");
            names.IndexOf("call.ended").Should().BeGreaterThan(names.IndexOf("call.hungup"));
            Status(events, "call.created").Should().Be("initial");
            Status(events, "call.ended").Should().Be("done");
        }

        envelopes.Select(e => e.GetProperty("data").GetProperty("status").GetString()).Distinct()
            .Should().BeEquivalentTo(["initial", "answered", "done"], "the calls are delivered at every stage of their lifecycle");

        sample.Terminate();
        (await sample.WaitForExitAsync(ExitBound)).Should().Be(0, sample.Output);
        sample.Stdout.Should().Contain("and 4 call lifecycles delivered.");
    }

    [Fact]
    public async Task Without_a_token_it_uses_and_prints_the_default_fake_one_and_stops_mid_delivery_on_SIGTERM()
    {
        await using var receiver = await LoopbackWebhookReceiver.StartAsync();
        await using var sample = Start("--port", "0", "--calls", "20", "--webhook-url", receiver.Url.ToString(), "--webhook-calls", "0", "--webhook-interval", "0.05");

        await sample.WaitForLineAsync(line => CallLine().IsMatch(line));

        sample.Stdout.Should().Contain("with token sim-webhook-token (the default, not a secret)").And.Contain("call lifecycles until stopped");
        receiver.Received.Should().NotBeEmpty().And.OnlyContain(r => r.Json.GetProperty("token").GetString() == "sim-webhook-token");
        sample.Terminate();
        (await sample.WaitForExitAsync(ExitBound)).Should().Be(0, sample.Output);
    }

    [Fact]
    public async Task With_accounts_and_an_OAuth_app_it_installs_companies_through_the_wire_and_uninstalls_them()
    {
        const string secret = "process-secret-not-a-secret";
        await using var sample = Start(
            "--port", "0", "--calls", "10", "--accounts", "3", "--account-calls", "7",
            "--oauth-client-id", "process-client", "--oauth-client-secret", secret, "--oauth-app-name", "Process CRM",
            "--oauth-redirect-uri", "http://127.0.0.1:9/aircall/callback", "--oauth-install-uri", "http://127.0.0.1:9/aircall/install");
        var address = await ListeningAddressAsync(sample);
        await sample.WaitForLineAsync(l => l.StartsWith("Rate limit:", StringComparison.Ordinal));
        sample.Stdout.Should().Contain("Companies: 100001 (the default account) and 100002 to 100004 with 7 calls each")
            .And.Contain("OAuth app process-client").And.Contain($"{address}simulator/dashboard/100001/install").And.NotContain(secret);
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };

        var accounts = JsonDocument.Parse(await http.GetStringAsync("simulator/accounts", Ct)).RootElement.GetProperty("accounts").EnumerateArray()
            .Select(a => (a.GetProperty("company_id").GetInt64(), a.GetProperty("calls").GetInt32())).ToList();
        using var launch = await http.GetAsync("simulator/dashboard/100003/install", Ct);
        using var authorize = new HttpRequestMessage(HttpMethod.Get,
            "oauth/authorize?client_id=process-client&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Faircall%2Fcallback&response_type=code&scope=public_api&state=s1");
        authorize.Headers.Add("Cookie", launch.Headers.GetValues("Set-Cookie").Single().Split(';')[0]);
        using var consent = await http.SendAsync(authorize, Ct);
        var code = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(consent.Headers.Location!.Query)["code"].ToString();
        using var exchange = await http.PostAsync("v1/oauth/token", new StringContent(
            $$"""{"grant_type":"authorization_code","code":"{{code}}","redirect_uri":"http://127.0.0.1:9/aircall/callback","client_id":"process-client","client_secret":"{{secret}}"}""",
            Encoding.UTF8, "application/json"), Ct);
        var token = JsonDocument.Parse(await exchange.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("access_token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var calls = JsonDocument.Parse(await http.GetStringAsync("v1/calls?per_page=50", Ct)).RootElement;
        var me = JsonDocument.Parse(await http.GetStringAsync("v1/integrations/me", Ct)).RootElement.GetProperty("integration");
        http.DefaultRequestHeaders.Authorization = null;
        using var uninstall = await http.PostAsync("simulator/accounts/100003/uninstall", null, Ct);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var afterUninstall = await http.GetAsync("v1/calls", Ct);

        accounts.Should().Equal((100001L, 10), (100002L, 7), (100003L, 7), (100004L, 7));
        launch.StatusCode.Should().Be(HttpStatusCode.Found);
        launch.Headers.Location.Should().Be(new Uri("http://127.0.0.1:9/aircall/install"));
        consent.StatusCode.Should().Be(HttpStatusCode.Found);
        consent.Headers.Location!.GetLeftPart(UriPartial.Path).Should().Be("http://127.0.0.1:9/aircall/callback");
        exchange.StatusCode.Should().Be(HttpStatusCode.OK);
        calls.GetProperty("meta").GetProperty("total").GetInt32().Should().Be(7, "the token opens company 100003 only");
        calls.GetProperty("calls").EnumerateArray().Should().OnlyContain(c => c.GetProperty("id").GetInt64() / 1_000_000_000 == 3, "company 100003's call ids");
        me.GetProperty("company_id").GetInt64().Should().Be(100003);
        me.GetProperty("name").GetString().Should().Be("Process CRM");
        uninstall.StatusCode.Should().Be(HttpStatusCode.OK);
        afterUninstall.StatusCode.Should().Be(HttpStatusCode.Forbidden);

        sample.Terminate();
        (await sample.WaitForExitAsync(ExitBound)).Should().Be(0, sample.Output);
        sample.Stdout.Should().NotContain(token!, "tokens are not printed");
    }

    private static SampleProcess Start(params string[] args)
        => SampleProcess.Start(Sample, Path.GetTempPath(), environment: null, args);

    private static async Task<Uri> ListeningAddressAsync(SampleProcess sample)
    {
        var line = await sample.WaitForLineAsync(l => l.StartsWith("Aircall simulator listening on ", StringComparison.Ordinal));
        var address = new Uri(line.Split(' ')[4]);
        address.Host.Should().Be(IPAddress.Loopback.ToString(), "it listens on loopback only");
        return address;
    }

    private static string? Status(List<System.Text.Json.JsonElement> events, string name)
        => events.First(e => e.GetProperty("event").GetString() == name).GetProperty("data").GetProperty("status").GetString();

    [GeneratedRegex(@"^call (\d+) \((?:inbound|outbound), (?:answered|missed)\):", RegexOptions.Multiline)]
    private static partial Regex CallLine();
}
