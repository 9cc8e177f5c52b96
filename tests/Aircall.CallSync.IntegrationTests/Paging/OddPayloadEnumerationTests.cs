using Aircall.CallSync.IntegrationTests.Infrastructure;
using Aircall.CallSync.Models;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.IntegrationTests.Paging;

/// <summary>
/// Every call sent with undocumented JSON types and unknown fields (<see cref="AircallSimulatorOptions.OddPayloadRate"/>
/// = 1), over real HTTP on 127.0.0.1: the enumeration and <c>GET /v1/calls/{id}</c> return every call with its id and
/// exactly the fields the shapes promise.
/// </summary>
public sealed class OddPayloadEnumerationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(SimulatorOddShapes.All)]
    [InlineData(SimulatorOddShapes.Lossless)]
    public async Task Enumerating_odd_calls_over_loopback_returns_every_call_as_the_shapes_promise(SimulatorOddShapes shapes)
    {
        await using var sim = new AircallSimulator(new AircallSimulatorOptions
        {
            CallCount = 420,
            Seed = 2026,
            RateLimit = 0,
            OddPayloadRate = 1,
            OddPayloadShapes = shapes,
        });
        (await sim.StartKestrelAsync(Ct)).Host.Should().Be("127.0.0.1");
        await using var provider = Services(sim);
        var client = provider.GetRequiredService<AircallClient>();
        var truth = sim.DefaultAccount.EnumerateCalls().ToList();

        var calls = new List<Call>();
        await foreach (var call in client.GetCallsAsync().WithCancellation(Ct))
        {
            calls.Add(call);
        }

        calls.Select(c => c.Id).Should().Equal(truth.Select(c => c.Id), "every call comes out, with its id, once");
        var seen = SimulatorOddShapes.None;
        for (var i = 0; i < calls.Count; i++)
        {
            var sent = sim.OddShapesOf(truth[i].Id);
            sent.Should().NotBe(SimulatorOddShapes.None);
            (sent & ~shapes).Should().Be(SimulatorOddShapes.None, "only the chosen shapes are used");
            calls[i].ShouldBeTruthReadThrough(truth[i], sent, "(list)");
            seen |= sent;
        }

        seen.Should().Be(shapes, "420 calls show every chosen shape");
        if (shapes == SimulatorOddShapes.Lossless)
        {
            // The audio links are signed afresh on each render: their query (X-Amz-Date, X-Amz-Signature) may differ.
            calls.Select(c => System.Text.RegularExpressions.Regex.Replace(System.Text.Encoding.UTF8.GetString(AircallJson.SerializeCall(c)), @"\.mp3\?[^""]*", ".mp3"))
                .Should().Equal(truth.Select(c => System.Text.RegularExpressions.Regex.Replace(System.Text.Encoding.UTF8.GetString(AircallJson.SerializeCall(c)), @"\.mp3\?[^""]*", ".mp3")), "lossless shapes read back as the simulator's calls");
        }
        else
        {
            calls.Should().Contain(c => c.User != null && c.User.Name == null, "a user sent as a bare id keeps only its id");
            calls.Should().Contain(c => c.Teams == null, "teams sent as {} read as absent");
        }

        foreach (var expected in truth.Where((_, i) => i % 20 == 0))
        {
            var single = (await client.Calls.GetAsync(expected.Id, cancellationToken: Ct)).Call!;
            single.ShouldBeTruthReadThrough(expected, sim.OddShapesOf(expected.Id), "(GET /v1/calls/{id})");
        }
    }

    private static ServiceProvider Services(AircallSimulator sim)
    {
        var services = new ServiceCollection();
        services.AddAircallCallSync(o =>
        {
            o.ApiId = sim.DefaultAccount.ApiId;
            o.ApiToken = sim.DefaultAccount.ApiToken;
            o.BaseAddress = sim.BaseAddress;
        });
        return services.BuildServiceProvider();
    }
}
