using System.Net;
using System.Text.Json;
using System.Web;
using Aircall.CallSync.IntegrationTests.Simulator;
using Aircall.CallSync.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.IntegrationTests.Media;

/// <summary>The simulator's recordings and voicemails: real MP3 behind S3-style signed links that expire.</summary>
public sealed class MediaLinkTests
{
    private static AircallSimulator Create(FakeTimeProvider clock, RecordingReceiver? receiver = null, TimeSpan? lifetime = null) => new(new AircallSimulatorOptions
    {
        CallCount = 200,
        RateLimit = 0,
        TimeProvider = clock,
        RecordingLinkLifetime = lifetime ?? TimeSpan.FromSeconds(600),
        WebhookDeliveryHandler = receiver is null ? null : () => receiver,
    });

    [Fact]
    public async Task A_recording_link_over_Kestrel_serves_the_mp3_until_it_expires_and_a_fresh_call_gives_a_working_link()
    {
        var clock = new FakeTimeProvider(SimulatorHttp.Start);
        await using var sim = Create(clock);
        var address = await sim.StartKestrelAsync(TestContext.Current.CancellationToken);
        using var api = MediaHttp.Api(sim);
        using var storage = new HttpClient(); // no credentials: the link is all it takes
        var id = MediaHttp.CallWithRecording(sim);

        var link = await MediaHttp.LinkAsync(api, id);
        var uri = new Uri(link);
        uri.GetLeftPart(UriPartial.Authority).Should().Be(address.GetLeftPart(UriPartial.Authority), "links point at the simulator that rendered the call");
        uri.AbsolutePath.Should().Be($"/simulator/media/{sim.DefaultAccount.ApiId}/{id}/recording.mp3");
        var query = HttpUtility.ParseQueryString(uri.Query);
        query["X-Amz-Algorithm"].Should().Be("AWS4-HMAC-SHA256");
        query["X-Amz-Date"].Should().Be("20260302T090000Z", "links are signed at the simulator's now");
        query["X-Amz-Expires"].Should().Be("600");
        query["X-Amz-Credential"].Should().EndWith("/20260302/us-east-1/s3/aws4_request");
        query["X-Amz-SignedHeaders"].Should().Be("host");
        query["X-Amz-Signature"].Should().MatchRegex("^[0-9a-f]{64}$");

        var (status, type, body, response) = await MediaHttp.GetAsync(storage, link);
        status.Should().Be(200);
        type.Should().Be("audio/mpeg");
        response.Content.Headers.ContentLength.Should().Be(SimulatorMedia.RecordingFile.Length);
        response.Headers.ETag.Should().NotBeNull();
        body.Should().Equal(SimulatorMedia.RecordingFile.ToArray());
        MediaHttp.CountFrames(body).Should().BeGreaterThan(100, "five seconds of 16 kHz MPEG-2 audio is about 140 frames");

        clock.Advance(TimeSpan.FromSeconds(600));
        (await MediaHttp.GetAsync(storage, link)).Status.Should().Be(200, "a link works up to X-Amz-Date + X-Amz-Expires");
        clock.Advance(TimeSpan.FromSeconds(1));
        var expired = await MediaHttp.GetAsync(storage, link);
        expired.Status.Should().Be(403);
        expired.ContentType.Should().Be("application/xml");
        var xml = System.Text.Encoding.UTF8.GetString(expired.Body);
        xml.Should().Contain("<Code>AccessDenied</Code><Message>Request has expired</Message>").And.Contain("<Expires>2026-03-02T09:10:00Z</Expires>");

        var fresh = await MediaHttp.LinkAsync(api, id);
        fresh.Should().NotBe(link);
        HttpUtility.ParseQueryString(new Uri(fresh).Query)["X-Amz-Date"].Should().Be("20260302T091001Z");
        (await MediaHttp.GetAsync(storage, fresh)).Body.Should().Equal(SimulatorMedia.RecordingFile.ToArray());
        sim.Media.DownloadsOf(id).Should().Be(3);
        sim.Media.Requests.Select(r => r.StatusCode).Should().Equal(200, 200, 403, 200);
        sim.Requests.Should().OnlyContain(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal), "downloads are not API requests");
    }

    [Fact]
    public async Task A_tampered_or_incomplete_link_is_refused_403_and_a_deleted_recording_or_voicemail_404()
    {
        await using var sim = Create(new FakeTimeProvider(SimulatorHttp.Start));
        using var api = MediaHttp.Api(sim, sim.CreateHandler());
        using var storage = new HttpClient(sim.CreateHandler());
        var id = MediaHttp.CallWithRecording(sim);
        var link = await MediaHttp.LinkAsync(api, id);

        var signature = HttpUtility.ParseQueryString(new Uri(link).Query)["X-Amz-Signature"]!;
        var tampered = link.Replace(signature, (signature[0] == 'a' ? "b" : "a") + signature[1..], StringComparison.Ordinal);
        (await ExpectRefusalAsync(storage, tampered, 403, "SignatureDoesNotMatch")).Should().NotContain(signature[1..], "S3 does not echo signatures");
        var other = sim.DefaultAccount.EnumerateCalls().First(c => c.Recording is not null && c.Id != id).Id;
        await ExpectRefusalAsync(storage, link.Replace($"/{id}/", $"/{other}/", StringComparison.Ordinal), 403, "SignatureDoesNotMatch");
        await ExpectRefusalAsync(storage, link.Replace("X-Amz-Expires=600", "X-Amz-Expires=604800", StringComparison.Ordinal), 403, "SignatureDoesNotMatch");
        await ExpectRefusalAsync(storage, link[..link.IndexOf("&X-Amz-Signature", StringComparison.Ordinal)], 403, "AccessDenied");
        await ExpectRefusalAsync(storage, link[..link.IndexOf('?', StringComparison.Ordinal)], 403, "AccessDenied");

        (await api.DeleteAsync($"/v1/calls/{id}/recording", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await ExpectRefusalAsync(storage, link, 404, "NoSuchKey");

        var voicemailCall = MediaHttp.CallWithVoicemail(sim);
        var voicemail = await MediaHttp.LinkAsync(api, voicemailCall, "voicemail");
        (await MediaHttp.GetAsync(storage, voicemail)).Body.Should().Equal(SimulatorMedia.VoicemailFile.ToArray());
        (await api.DeleteAsync($"/v1/calls/{voicemailCall}/voicemail", TestContext.Current.CancellationToken)).StatusCode.Should().Be(HttpStatusCode.NoContent);
        await ExpectRefusalAsync(storage, voicemail, 404, "NoSuchKey");
        sim.Media.DownloadsOf(id).Should().Be(0);
        sim.Media.DownloadsOf(voicemailCall).Should().Be(1);
    }

    [Fact]
    public async Task Pages_search_results_and_webhook_payloads_carry_links_that_download()
    {
        var receiver = new RecordingReceiver();
        await using var sim = Create(new FakeTimeProvider(SimulatorHttp.Start), receiver);
        using var api = MediaHttp.Api(sim, sim.CreateHandler());
        using var storage = new HttpClient(sim.CreateHandler());
        sim.DefaultAccount.AddWebhook(new Uri("https://receiver.test/hook"), "media-test-token");

        foreach (var url in new[] { "/v1/calls?per_page=50", "/v1/calls/search?per_page=50&direction=inbound" })
        {
            var page = JsonDocument.Parse(await api.GetStringAsync(url, TestContext.Current.CancellationToken)).RootElement;
            var links = page.GetProperty("calls").EnumerateArray()
                .SelectMany(c => new[] { "recording", "voicemail" }.Select(f => c.TryGetProperty(f, out var l) ? l.GetString() : null))
                .OfType<string>().ToList();
            links.Should().NotBeEmpty();
            foreach (var link in links.Take(3))
            {
                var (status, type, body, _) = await MediaHttp.GetAsync(storage, link);
                status.Should().Be(200, url);
                type.Should().Be("audio/mpeg");
                body.Take(3).Should().Equal("ID3"u8.ToArray());
            }
        }

        var recorded = MediaHttp.CallWithRecording(sim);
        var voicemail = MediaHttp.CallWithVoicemail(sim);
        var silent = sim.DefaultAccount.EnumerateCalls().First(c => c.Recording is null && c.Voicemail is null).Id;
        foreach (var id in new[] { recorded, voicemail, silent })
        {
            await sim.Webhooks.DeliverLifecycleAsync(id, TestContext.Current.CancellationToken);
        }

        var events = receiver.Received.Select(e => (Event: e.GetProperty("event").GetString()!, Data: e.GetProperty("data"))).ToList();
        var withAudio = events.Where(e => e.Event is "call.ended" or "call.voicemail_left" or "call.comm_assets_generated").ToList();
        withAudio.Where(e => e.Data.GetProperty("id").GetInt64() == recorded).Select(e => e.Event).Should().Equal("call.ended", "call.comm_assets_generated");
        withAudio.Where(e => e.Data.GetProperty("id").GetInt64() == voicemail).Select(e => e.Event)
            .Should().Equal("call.voicemail_left", "call.ended", "call.comm_assets_generated");
        events.Where(e => e.Data.GetProperty("id").GetInt64() == silent).Select(e => e.Event).Should().NotContain("call.comm_assets_generated", "only calls with audio have assets");
        foreach (var (name, data) in withAudio.Where(e => e.Data.GetProperty("id").GetInt64() != silent))
        {
            var field = data.GetProperty("id").GetInt64() == recorded ? "recording" : "voicemail";
            var (status, _, body, _) = await MediaHttp.GetAsync(storage, data.GetProperty(field).GetString()!);
            status.Should().Be(200, name);
            body.Should().Equal((field == "recording" ? SimulatorMedia.RecordingFile : SimulatorMedia.VoicemailFile).ToArray(), name);
        }
    }

    [Fact]
    public async Task The_lifetime_is_configurable_and_ExpireNext_refuses_the_next_download_only()
    {
        var clock = new FakeTimeProvider(SimulatorHttp.Start);
        await using var sim = Create(clock, lifetime: TimeSpan.FromSeconds(30));
        using var api = MediaHttp.Api(sim, sim.CreateHandler());
        using var storage = new HttpClient(sim.CreateHandler());
        var id = MediaHttp.CallWithRecording(sim);
        var link = await MediaHttp.LinkAsync(api, id);
        link.Should().Contain("X-Amz-Expires=30&");

        sim.Media.ExpireNext(callId: id);
        await ExpectRefusalAsync(storage, link, 403, "AccessDenied", "Request has expired");
        (await MediaHttp.GetAsync(storage, link)).Status.Should().Be(200);
        sim.Media.Requests[0].Fault.Should().Be("expire");

        clock.Advance(TimeSpan.FromSeconds(31));
        await ExpectRefusalAsync(storage, link, 403, "AccessDenied", "Request has expired");
        FluentActions.Invoking(() => new AircallSimulator(new AircallSimulatorOptions { RecordingLinkLifetime = TimeSpan.Zero }))
            .Should().Throw<ArgumentOutOfRangeException>().WithMessage("*RecordingLinkLifetime*");
    }

    [Fact]
    public async Task HEAD_and_Range_answer_like_S3()
    {
        await using var sim = Create(new FakeTimeProvider(SimulatorHttp.Start));
        using var api = MediaHttp.Api(sim, sim.CreateHandler());
        using var storage = new HttpClient(sim.CreateHandler());
        var id = MediaHttp.CallWithRecording(sim);
        var link = await MediaHttp.LinkAsync(api, id);
        var file = SimulatorMedia.RecordingFile.ToArray();

        var whole = await MediaHttp.GetAsync(storage, link);
        var head = await MediaHttp.GetAsync(storage, link, method: HttpMethod.Head);
        head.Status.Should().Be(200);
        head.Body.Should().BeEmpty();
        head.Response.Content.Headers.ContentLength.Should().Be(file.Length);
        head.Response.Headers.ETag.Should().Be(whole.Response.Headers.ETag);
        head.Response.Headers.AcceptRanges.Should().Contain("bytes");

        var middle = await MediaHttp.GetAsync(storage, link, "bytes=100-199");
        middle.Status.Should().Be(206);
        middle.Body.Should().Equal(file[100..200]);
        middle.Response.Content.Headers.ContentRange!.ToString().Should().Be($"bytes 100-199/{file.Length}");
        (await MediaHttp.GetAsync(storage, link, "bytes=-10")).Body.Should().Equal(file[^10..]);
        (await MediaHttp.GetAsync(storage, link, $"bytes={file.Length - 5}-")).Body.Should().Equal(file[^5..]);
        (await MediaHttp.GetAsync(storage, link, $"bytes={file.Length}-")).Status.Should().Be(416);
        sim.Media.DownloadsOf(id).Should().Be(4, "GETs answered 200 or 206 count; HEAD and 416 do not");
    }

    private static async Task<string> ExpectRefusalAsync(HttpClient storage, string url, int status, string code, string? message = null)
    {
        var (actual, type, body, _) = await MediaHttp.GetAsync(storage, url);
        var xml = System.Text.Encoding.UTF8.GetString(body);
        actual.Should().Be(status, xml);
        type.Should().Be("application/xml");
        xml.Should().StartWith("<?xml").And.Contain($"<Error><Code>{code}</Code>");
        if (message is not null)
        {
            xml.Should().Contain($"<Message>{message}</Message>");
        }

        return xml;
    }
}
