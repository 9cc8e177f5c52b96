using Aircall.CallSync.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.IntegrationTests.Paging;

/// <summary>
/// A server that sends headers and 200 bytes, then stalls, over real HTTP on 127.0.0.1 (issue 11, item 6): the attempt
/// timeout covers the body, so the page is asked again and the enumeration completes instead of hanging forever.
/// </summary>
public sealed class StalledBodyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_enumeration_over_kestrel_survives_a_body_that_stalls_mid_page()
    {
        await using var sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 120, RateLimit = 0 });
        var address = await sim.StartKestrelAsync(Ct);
        var services = new ServiceCollection();
        services.AddAircallCallSync(o =>
        {
            o.BaseAddress = address;
            o.ApiId = sim.DefaultAccount.ApiId;
            o.ApiToken = sim.DefaultAccount.ApiToken;
            o.RateLimit.PermitLimit = 600;
            o.RateLimit.Window = TimeSpan.FromSeconds(1);
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(3); // ample for a page on a loaded machine
            o.Resilience.TotalTimeout = TimeSpan.FromSeconds(30);
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(50);
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<AircallClient>();
        sim.Faults.StallBodyNext(1, 200, "/v1/calls");

        // The guard only bounds a failure: a fixed SDK finishes in about one attempt timeout (3 s).
        var ids = await Infrastructure.SyncHarness.CollectIdsAsync(client.GetCallsAsync()).WaitAsync(TimeSpan.FromSeconds(60), Ct);

        ids.Should().Equal(sim.DefaultAccount.EnumerateCalls().Select(c => c.Id), "the stalled page was asked again, nothing lost or repeated");
        var calls = sim.Requests.Where(r => r.Path == "/v1/calls").ToList();
        calls.Should().HaveCount(3 + 1, "three pages of 50, the first asked twice");
        calls[0].Fault.Should().Be("stall");
        calls[1].Query.Should().Be(calls[0].Query, "the same page is asked again");
    }
}
