using Aircall.CallSync.Models;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.IntegrationTests.Simulator;

public sealed class DataTests
{
    private static AircallSimulator Create(int seed, int calls = 3000) => new(new AircallSimulatorOptions
    {
        CallCount = calls,
        Seed = seed,
        TimeProvider = new FakeTimeProvider(SimulatorHttp.Start),
    });

    [Fact]
    public void The_same_seed_gives_the_same_calls_and_another_seed_different_ones()
    {
        using var a = Create(7, 500);
        using var b = Create(7, 500);
        using var c = Create(8, 500);
        string Json(AircallSimulator sim) => string.Join('\n', sim.DefaultAccount.EnumerateCalls().Select(x => System.Text.Encoding.UTF8.GetString(AircallJson.SerializeCall(x))));

        Json(a).Should().Be(Json(b));
        Json(a).Should().NotBe(Json(c));
    }

    [Fact]
    public void Generated_calls_cover_the_shapes_real_payloads_have()
    {
        using var sim = Create(42);
        var calls = sim.DefaultAccount.EnumerateCalls().ToList();
        var end = SimulatorHttp.Start.ToUnixTimeSeconds();

        calls.Should().Contain(c => c.IsInbound).And.Contain(c => c.IsOutbound);
        calls.Where(c => c.MissedCallReason is not null).Select(c => c.MissedCallReason!.Value.Value).Distinct()
            .Should().BeEquivalentTo("out_of_opening_hours", "short_abandoned", "abandoned_in_ivr", "abandoned_in_classic", "no_available_agent", "agents_did_not_answer");
        calls.Should().Contain(c => c.HasVoicemail && c.IsInbound);
        calls.Should().Contain(c => c.RawDigits == "anonymous");
        calls.Should().Contain(c => c.TransferredTo != null && c.TransferredBy != null);
        calls.Should().Contain(c => c.Tags!.Any(t => t.TaggedBy != null && t.TaggedBy.Id == null));
        calls.Should().Contain(c => c.Comments!.Count > 0);
        calls.Should().Contain(c => c.Teams!.Count > 0);
        calls.Where(c => c.IsInbound && !c.IsAnswered).Should().OnlyContain(c => c.User == null);
        calls.Should().Contain(c => c.RawDigits!.Contains(' ', StringComparison.Ordinal) && c.RawDigits.StartsWith('+'));
        calls.Should().OnlyContain(c => c.Status == CallStatus.Done && c.Duration == (c.EndedAt!.Value - c.StartedAt!.Value).TotalSeconds);
        calls.Select(c => c.StartedAt!.Value.ToUnixTimeSeconds()).Should().OnlyContain(s => s <= end && s >= end - (30 * 86400));
        calls.GroupBy(c => c.StartedAt).Max(g => g.Count()).Should().BeGreaterThan(5, "some seconds hold many calls");
    }

    [Fact]
    public void Calls_are_written_in_aircalls_wire_shape()
    {
        using var sim = Create(42, 50);
        var call = sim.DefaultAccount.EnumerateCalls().First();
        var json = System.Text.Encoding.UTF8.GetString(AircallJson.SerializeCall(call));

        json.Should().MatchRegex("\"started_at\":\\d{10},").And.Contain("\"sid\":\"CA").And.Contain("\"call_uuid\":\"CA")
            .And.Contain("\"conference_participants\":[]").And.Contain("\"direct_link\":\"https://api.aircall.io/v1/calls/");
    }

    [Fact]
    public void A_hundred_thousand_calls_fit_in_a_few_megabytes()
    {
        var before = GC.GetTotalMemory(forceFullCollection: true);
        using var sim = Create(1, 100_000);
        var after = GC.GetTotalMemory(forceFullCollection: true);

        sim.DefaultAccount.CallCount.Should().Be(100_000);
        (after - before).Should().BeLessThan(32L * 1024 * 1024);
        sim.DefaultAccount.GetCall(sim.DefaultAccount.EnumerateCalls().Skip(99_999).First().Id).Should().NotBeNull();
    }
}
