using Aircall.CallSync.Api;
using Aircall.CallSync.IntegrationTests.Infrastructure;
using Aircall.CallSync.Testing;

namespace Aircall.CallSync.IntegrationTests.Paging;

/// <summary>The shared per-account limiter, 429 handling and retries, through the real pipeline, in virtual time.</summary>
public sealed class RateLimitAndFaultTests
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(60);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("seconds")]
    [InlineData("milliseconds")]
    [InlineData("no headers")]
    public async Task A_429_waits_for_the_reset_then_retries_the_same_page(string reset)
    {
        // The SDK believes the documented 120 a minute; this company only has 60.
        await using var harness = SyncHarness.Create(
            sim =>
            {
                sim.CallCount = 6_000;
                sim.RateLimitResetInMilliseconds = reset == "milliseconds";
                sim.SendRateLimitHeaders = reset != "no headers";
            },
            sdk => sdk.RateLimit.PermitLimit = 120);

        var ids = await harness.RunAsync(() => SyncHarness.CollectIdsAsync(harness.Client.GetCallsAsync()));

        ids.Should().Equal(harness.AllIds(), "a 429 loses no page and repeats none");
        var requests = harness.Simulator.Requests;
        var limited = requests.Where(r => r.StatusCode == 429).ToList();
        limited.Should().NotBeEmpty();
        foreach (var refused in limited)
        {
            var retry = requests.First(r => r.Number > refused.Number);
            retry.StatusCode.Should().Be(200, "the retry waited until the budget was back");
            retry.Query.Should().Be(refused.Query, "the same page is asked again");
            (retry.Time - refused.Time).Should().BeGreaterThan(TimeSpan.FromSeconds(1), "nothing is sent while the account is blocked");
        }

        if (reset == "no headers")
        {
            foreach (var refused in limited)
            {
                var retry = requests.First(r => r.Number > refused.Number);
                (retry.Time - refused.Time).Should().BeGreaterThanOrEqualTo(Window, "with no reset given, a full window is waited");
            }
        }
        else
        {
            limited.Should().ContainSingle("X-AircallApi-Limit taught the limiter the company's real budget");
        }

        harness.Client.RateLimit.RateLimitedResponses.Should().Be(limited.Count);
    }

    [Fact]
    public async Task Server_errors_and_dropped_connections_mid_run_are_retried_without_losing_a_page()
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 2_000);
        harness.Simulator.Faults.DropRequest(5);
        harness.Simulator.Faults.DropRequest(6);
        harness.Simulator.Faults.DropRequest(21);

        var ids = await harness.RunAsync(async () =>
        {
            var seen = new List<long>();
            await foreach (var page in harness.Client.GetCallsAsync().AsPages(null, Ct))
            {
                seen.AddRange(page.Calls.Select(c => c.Id));
                if (seen.Count == 500)
                {
                    harness.Simulator.Faults.FailNext(3, 503, "/v1/calls");
                }

                if (seen.Count == 1_000)
                {
                    harness.Simulator.Faults.FailNext(1, 502);
                }
            }

            return seen;
        });

        ids.Should().Equal(harness.AllIds());
        harness.Simulator.Requests.Count(r => r.Fault is not null).Should().Be(7);
        harness.Simulator.Requests.Count.Should().Be(40 + 7, "each failed attempt was retried once it could succeed");
    }

    [Fact]
    public async Task Posts_are_not_retried_after_a_server_error_but_gets_are()
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 10);
        var id = harness.AllIds()[0];
        harness.Simulator.Faults.FailNext(1, 503);

        var post = () => harness.RunAsync(() => harness.Client.Calls.CommentAsync(id, new CommentRequest { Content = "x" }, Ct));

        (await post.Should().ThrowAsync<AircallApiException>()).Which.StatusCode.Should().Be(System.Net.HttpStatusCode.ServiceUnavailable);
        harness.Simulator.Requests.Should().ContainSingle(r => r.Method == "POST");

        harness.Simulator.Faults.FailNext(2, 503);
        var call = await harness.RunAsync(() => harness.Client.Calls.GetAsync(id, cancellationToken: Ct));
        call.Call!.Id.Should().Be(id);
        harness.Simulator.Requests.Count(r => r.Method == "GET").Should().Be(3);
    }

    [Fact]
    public async Task Refused_posts_never_open_the_circuit_breaker_and_all_go_through_once_the_budget_allows()
    {
        // 40 POSTs at once, each first answered 429 (with no hint of when the budget resets): far more than the breaker's
        // minimum throughput (20), all failures if 429s counted. An open circuit would fail the POSTs, which are never
        // retried on BrokenCircuitException; a 429 instead holds the account for a window, then each POST goes through.
        await using var harness = SyncHarness.Create(
            sim =>
            {
                sim.CallCount = 40;
                sim.RateLimit = 0;
            },
            sdk => sdk.RateLimit.PermitLimit = 100);
        var ids = harness.AllIds();
        harness.Simulator.Faults.FailNext(40, 429, "/v1/calls");

        await harness.RunAsync(() => Task.WhenAll(ids.Select(id => harness.Client.Calls.CommentAsync(id, new CommentRequest { Content = "ok" }, Ct))));

        var posts = harness.Simulator.Requests.Where(r => r.Method == "POST").ToList();
        posts.Count(r => r.StatusCode == 429).Should().Be(40);
        posts.Count(r => r.StatusCode is >= 200 and < 300).Should().Be(40);
        posts.Where(r => r.StatusCode != 429).Should().OnlyContain(r => r.Time >= SyncHarness.Start + Window, "the account waited a full window after the 429s");
    }

    [Fact]
    public async Task Eight_concurrent_enumerations_of_one_account_share_its_budget()
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 1_000);
        var expected = harness.AllIds();

        var results = await harness.RunAsync(() => Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
        {
            // Half through the default client, half through clients created separately (new handler chains).
            var client = i % 2 == 0 ? harness.Client : harness.Factory.CreateClient(harness.Simulator.DefaultAccount.Credentials);
            return SyncHarness.CollectIdsAsync(client.GetCallsAsync(new CallQuery { To = SyncHarness.Start }));
        })));

        results.Should().AllSatisfy(ids => ids.Should().Equal(expected));
        harness.Simulator.RateLimitedCount.Should().Be(0);
        harness.Simulator.MaxRequestsInWindow().Should().BeLessThanOrEqualTo(60);
        harness.Simulator.Requests.Should().HaveCount(8 * 20);
    }

    [Fact]
    public async Task Two_accounts_do_not_share_a_budget()
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 3_000);
        harness.Simulator.AddAccount("second-company", "second-token", callCount: 3_000);
        var second = harness.Factory.CreateClient(AircallCredentials.Basic("second-company", "second-token"));

        var results = await harness.RunAsync(() => Task.WhenAll(SyncHarness.CollectIdsAsync(harness.Client.GetCallsAsync()), SyncHarness.CollectIdsAsync(second.GetCallsAsync())));

        results[0].Should().HaveCount(3_000);
        results[1].Should().HaveCount(3_000).And.NotIntersectWith(results[0]);
        harness.Simulator.RateLimitedCount.Should().Be(0);
        harness.Simulator.MaxRequestsInWindow(harness.Simulator.DefaultAccount.ApiId).Should().Be(60);
        harness.Simulator.MaxRequestsInWindow("second-company").Should().Be(60);
        (harness.Clock.GetUtcNow() - SyncHarness.Start).Should().BeLessThan(Window, "60 requests each fit both budgets at once");
    }

    [Fact]
    public async Task Remaining_and_reset_headers_on_every_response_are_honoured()
    {
        // Another integration of the same company already spent 45 of the 60: only Aircall's headers can tell us.
        await using var harness = SyncHarness.Create(sim =>
        {
            sim.CallCount = 2_500;
            sim.RateLimitHeadersOnEveryResponse = true;
        });
        using (var other = new HttpClient(harness.Simulator.CreateHandler()) { BaseAddress = harness.Simulator.BaseAddress })
        {
            other.DefaultRequestHeaders.Authorization = new("Basic", Convert.ToBase64String("sim-api-id:sim-api-token"u8.ToArray()));
            for (var i = 0; i < 45; i++)
            {
                (await other.GetAsync("/v1/ping", Ct)).EnsureSuccessStatusCode();
            }
        }

        var ids = await harness.RunAsync(() => SyncHarness.CollectIdsAsync(harness.Client.GetCallsAsync()));

        ids.Should().HaveCount(2_500);
        harness.Simulator.RateLimitedCount.Should().Be(0, "the SDK spent only what X-AircallApi-Remaining said was left");
    }
}
