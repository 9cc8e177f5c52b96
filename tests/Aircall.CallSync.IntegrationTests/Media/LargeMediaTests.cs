using Aircall.CallSync.IntegrationTests.Simulator;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.IntegrationTests.Media;

/// <summary>Runs alone (no other test allocates meanwhile), so the process's allocations measure the simulator's.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MediaMemoryGroup
{
    public const string Name = "Media memory";
}

/// <summary>Sized recordings: valid MP3 of an exact size, streamed from the small embedded file.</summary>
[Collection(MediaMemoryGroup.Name)]
public sealed class LargeMediaTests
{
    [Fact]
    public async Task A_50_MB_recording_streams_over_Kestrel_without_the_simulator_holding_it()
    {
        await using var sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 50, RateLimit = 0, TimeProvider = new FakeTimeProvider(SimulatorHttp.Start) });
        await sim.StartKestrelAsync(TestContext.Current.CancellationToken);
        using var api = MediaHttp.Api(sim);
        using var storage = new HttpClient();
        var id = MediaHttp.CallWithRecording(sim);
        const long Size = 50_000_000;
        sim.Media.SetSize(id, Size);
        var link = await MediaHttp.LinkAsync(api, id);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        using var response = await storage.GetAsync(link, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        response.Content.Headers.ContentLength.Should().Be(Size);
        response.Content.Headers.ContentType!.MediaType.Should().Be("audio/mpeg");
        await using var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        var buffer = new byte[81920];
        var head = new byte[16];
        long received = 0;
        int n;
        while ((n = await stream.ReadAsync(buffer, TestContext.Current.CancellationToken)) > 0)
        {
            if (received < head.Length)
            {
                buffer.AsSpan(0, (int)Math.Min(n, head.Length - received)).CopyTo(head.AsSpan((int)received));
            }

            received += n;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        received.Should().Be(Size);
        head[..3].Should().Equal("ID3"u8.ToArray());
        allocated.Should().BeLessThan(Size / 5, "the simulator writes the file from its 11 KB source; the whole process allocated {0:N0} bytes", allocated);
        sim.Media.CompletedDownloadsOf(id).Should().Be(1);
    }

    [Fact]
    public async Task Sized_files_are_valid_MP3_of_exactly_the_size_asked_with_consistent_ranges()
    {
        await using var sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 50, RateLimit = 0, TimeProvider = new FakeTimeProvider(SimulatorHttp.Start) });
        using var api = MediaHttp.Api(sim, sim.CreateHandler());
        using var storage = new HttpClient(sim.CreateHandler());
        var recorded = MediaHttp.CallWithRecording(sim);
        var voicemail = MediaHttp.CallWithVoicemail(sim);

        sim.Media.DefaultSize = 1_000_003;
        var big = await MediaHttp.GetAsync(storage, await MediaHttp.LinkAsync(api, recorded));
        big.Body.Length.Should().Be(1_000_003);
        MediaHttp.CountFrames(big.Body).Should().BeGreaterThan(13_000, "about a million bytes of 72-byte frames");
        var vm = await MediaHttp.GetAsync(storage, await MediaHttp.LinkAsync(api, voicemail, "voicemail"));
        vm.Body.Length.Should().Be(1_000_003);
        MediaHttp.CountFrames(vm.Body);

        var range = await MediaHttp.GetAsync(storage, await MediaHttp.LinkAsync(api, recorded), "bytes=500000-600000");
        range.Status.Should().Be(206);
        range.Body.Should().Equal(big.Body[500_000..600_001], "a range is the same bytes as the whole file's");

        sim.Media.SetSize(recorded, 20_000);
        (await MediaHttp.GetAsync(storage, await MediaHttp.LinkAsync(api, recorded))).Body.Length.Should().Be(20_000);
        sim.Media.SetSize(recorded, null);
        sim.Media.DefaultSize = null;
        (await MediaHttp.GetAsync(storage, await MediaHttp.LinkAsync(api, recorded))).Body.Should().Equal(SimulatorMedia.RecordingFile.ToArray());
        FluentActions.Invoking(() => sim.Media.SetSize(recorded, 10)).Should().Throw<ArgumentOutOfRangeException>();
    }
}
