using Aircall.CallSync.IntegrationTests.Simulator;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.IntegrationTests.Media;

/// <summary>Download faults of <see cref="SimulatorMedia"/>: 5xx once, a cut connection, a held body, a throttled body.</summary>
public sealed class MediaFaultTests
{
    private static AircallSimulator Create(FakeTimeProvider clock) => new(new AircallSimulatorOptions { CallCount = 100, RateLimit = 0, TimeProvider = clock });

    [Fact]
    public async Task FailNext_answers_503_SlowDown_once_then_the_link_works()
    {
        await using var sim = Create(new FakeTimeProvider(SimulatorHttp.Start));
        using var api = MediaHttp.Api(sim, sim.CreateHandler());
        using var storage = new HttpClient(sim.CreateHandler());
        var id = MediaHttp.CallWithRecording(sim);
        var link = await MediaHttp.LinkAsync(api, id);

        sim.Media.FailNext(callId: id);
        var failed = await MediaHttp.GetAsync(storage, link);
        failed.Status.Should().Be(503);
        System.Text.Encoding.UTF8.GetString(failed.Body).Should().Contain("<Code>SlowDown</Code>");
        sim.Media.FailNext(statusCode: 500);
        (await MediaHttp.GetAsync(storage, link)).Status.Should().Be(500);
        (await MediaHttp.GetAsync(storage, link)).Body.Should().Equal(SimulatorMedia.RecordingFile.ToArray());
        sim.Media.Requests.Select(r => r.Fault).Should().Equal("503", "500", null);
        sim.Media.DownloadsOf(id).Should().Be(1);
    }

    [Fact]
    public async Task CutNext_sends_the_first_bytes_then_loses_the_connection_over_Kestrel()
    {
        await using var sim = Create(new FakeTimeProvider(SimulatorHttp.Start));
        await sim.StartKestrelAsync(TestContext.Current.CancellationToken);
        using var api = MediaHttp.Api(sim);
        using var storage = new HttpClient();
        var id = MediaHttp.CallWithRecording(sim);
        var link = await MediaHttp.LinkAsync(api, id);

        sim.Media.CutNext(1, afterBytes: 1000, callId: id);
        var received = 0;
        var buffer = new byte[4096];
        var read = async () =>
        {
            // the reset may reach the client before or after the headers and first bytes: either way the download fails
            using var response = await storage.GetAsync(link, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
            response.Content.Headers.ContentLength.Should().Be(SimulatorMedia.RecordingFile.Length, "the headers promise the whole file");
            var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
            int n;
            while ((n = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
            {
                received += n;
            }
        };
        await read.Should().ThrowAsync<Exception>().Where(e => e is IOException || e is HttpRequestException);
        received.Should().BeLessThanOrEqualTo(1000);
        sim.Media.DownloadsOf(id).Should().Be(1);
        sim.Media.CompletedDownloadsOf(id).Should().Be(0);
        sim.Media.Requests.Single().Should().Match<SimulatorMediaRequest>(r => r.Fault == "cut" && r.BytesSent == 1000 && !r.Completed);

        (await MediaHttp.GetAsync(storage, link)).Body.Should().Equal(SimulatorMedia.RecordingFile.ToArray(), "one cut only");
        sim.Media.CompletedDownloadsOf(id).Should().Be(1);
    }

    [Fact]
    public async Task HoldNext_holds_the_body_at_a_gate_until_the_test_releases_it()
    {
        await using var sim = Create(new FakeTimeProvider(SimulatorHttp.Start));
        using var api = MediaHttp.Api(sim, sim.CreateHandler());
        using var storage = new HttpClient(sim.CreateHandler());
        var id = MediaHttp.CallWithVoicemail(sim);
        var link = await MediaHttp.LinkAsync(api, id, "voicemail");

        var gate = sim.Media.HoldNext(afterBytes: 500, callId: id);
        var download = storage.GetByteArrayAsync(link, TestContext.Current.CancellationToken);
        await gate.Reached.WaitAsync(TestContext.Current.CancellationToken);
        download.IsCompleted.Should().BeFalse("the body is held at the gate");
        sim.Media.CompletedDownloadsOf(id).Should().Be(0);
        gate.Release();
        (await download).Should().Equal(SimulatorMedia.VoicemailFile.ToArray());
        sim.Media.Requests.Single().Should().Match<SimulatorMediaRequest>(r => r.Fault == "hold" && r.Completed && r.BytesSent == SimulatorMedia.VoicemailFile.Length);
    }

    [Fact]
    public async Task ThrottleNext_paces_the_body_on_the_simulator_clock()
    {
        var clock = new FakeTimeProvider(SimulatorHttp.Start);
        await using var sim = Create(clock);
        using var api = MediaHttp.Api(sim, sim.CreateHandler());
        using var storage = new HttpClient(sim.CreateHandler());
        var id = MediaHttp.CallWithRecording(sim);
        var link = await MediaHttp.LinkAsync(api, id);
        var file = SimulatorMedia.RecordingFile.ToArray();

        const int BytesPerSecond = 2000; // the 11 KB file takes about 5.5 s
        sim.Media.ThrottleNext(1, BytesPerSecond, id);
        var download = storage.GetByteArrayAsync(link, TestContext.Current.CancellationToken);
        var advanced = TimeSpan.Zero;
        while (!download.IsCompleted)
        {
            await Task.Yield();
            if (sim.Media.Requests.Count == 0 && !download.IsCompleted)
            {
                // still sending: the body is paced, so no more than the time advanced allows can have been sent
                clock.Advance(TimeSpan.FromMilliseconds(100));
                advanced += TimeSpan.FromMilliseconds(100);
                await Task.Delay(1, TestContext.Current.CancellationToken);
            }

            advanced.Should().BeLessThan(TimeSpan.FromSeconds(60), "the download finishes once enough simulated time passed");
        }

        (await download).Should().Equal(file);
        advanced.TotalSeconds.Should().BeGreaterThanOrEqualTo(((double)file.Length / BytesPerSecond) - 0.2, "the body cannot finish before its bytes' time has passed on the simulator's clock");
        sim.Media.Requests.Single().Fault.Should().Be("throttle");
    }
}
