using System.Net;
using System.Security.Cryptography;
using Aircall.CallSync.Recordings;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using RichardSzalay.MockHttp;

namespace Aircall.CallSync.Tests.Recordings;

public sealed class RecordingArchiverTests : IDisposable
{
    private const long CallId = 1_234_567;
    private readonly ArchiverHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task A_call_ended_with_a_recording_is_archived_once_with_its_exact_bytes_from_the_delivered_link()
    {
        var audio = ArchiverHarness.Audio(300_000);
        var link = _h.Link(CallId, "sig-delivered");
        var download = _h.Media.When(HttpMethod.Get, link).Respond(_ => Mp3(audio));

        var answer = await _h.Processor.ProcessAsync(_h.Delivery(CallId, recording: link), CancellationToken.None);
        answer.Outcome.Should().Be(WebhookOutcome.Stored);
        (await _h.JobAsync(CallId)).Status.Should().Be(RecordingArchiveStatus.Pending, "the webhook only queues: it never waits for the download");
        _h.Media.GetMatchCount(download).Should().Be(0);

        (await _h.RunDueAsync()).Should().Be(1);

        var job = await _h.JobAsync(CallId);
        job.Status.Should().Be(RecordingArchiveStatus.Archived);
        job.Bytes.Should().Be(audio.Length);
        job.Sha256.Should().Be(Convert.ToHexStringLower(SHA256.HashData(audio)));
        job.Attempts.Should().Be(1);
        job.Location.Should().Be(Path.Combine("default", $"{CallId}-recording.mp3"));
        File.ReadAllBytes(_h.Sink.PathOf(new RecordingArchiveKey(null, CallId, RecordingKind.Recording))).Should().Equal(audio);
        _h.Files().Should().Equal(Path.Combine("default", $"{CallId}-recording.mp3"));
        _h.Api.GetMatchCount(_h.Api.When("*")).Should().Be(0, "the delivered link was fresh: no re-fetch was needed");
    }

    [Fact]
    public async Task Redelivered_events_and_later_batch_pages_never_download_an_archived_file_again()
    {
        var audio = ArchiverHarness.Audio(10_000);
        var link = _h.Link(CallId, "sig-1");
        var download = _h.Media.When(HttpMethod.Get, link).Respond(_ => Mp3(audio));
        await _h.Processor.ProcessAsync(_h.Delivery(CallId, recording: link), CancellationToken.None);
        await _h.RunDueAsync();

        // The same delivery again (at-least-once), a later event of the call, and a batch page with the call.
        (await _h.Processor.ProcessAsync(_h.Delivery(CallId, recording: link), CancellationToken.None)).Outcome.Should().Be(WebhookOutcome.Stored);
        (await _h.Processor.ProcessAsync(_h.Delivery(CallId, recording: link, eventName: "call.tagged"), CancellationToken.None)).IsSuccess.Should().BeTrue();
        var observer = _h.Services.GetServices<ICallWriteObserver>().Should().ContainSingle().Subject;
        var call = _h.Calls.Find(CallId)!.Call;
        await observer.OnCallsWrittenAsync([new CallWrite(call, _h.Time.GetUtcNow(), CallWriteSource.Batch)], CancellationToken.None);

        (await _h.RunDueAsync()).Should().Be(0, "nothing is due: the job is archived");
        _h.Media.GetMatchCount(download).Should().Be(1);
        (await _h.JobAsync(CallId)).Attempts.Should().Be(1);
    }

    [Fact]
    public async Task An_expired_link_is_never_requested_the_call_is_re_fetched_for_a_fresh_one()
    {
        var audio = ArchiverHarness.Audio(5_000);
        var stale = _h.Link(CallId, "sig-stale");
        var staleDownload = _h.Media.When(HttpMethod.Get, stale).Respond(_ => Mp3(audio));
        await _h.Processor.ProcessAsync(_h.Delivery(CallId, recording: stale), CancellationToken.None);

        _h.Time.Advance(TimeSpan.FromMinutes(11)); // past X-Amz-Date + X-Amz-Expires (600 s)
        var fresh = _h.Link(CallId, "sig-fresh");
        var freshDownload = _h.Media.When(HttpMethod.Get, fresh).Respond(_ => Mp3(audio));
        var refetch = _h.Api.When(HttpMethod.Get, MockAircallUrl(CallId)).Respond("application/json", "{\"call\":" + ArchiverHarness.CallJson(CallId, recording: fresh) + "}");

        await _h.RunDueAsync();

        _h.Media.GetMatchCount(staleDownload).Should().Be(0);
        _h.Api.GetMatchCount(refetch).Should().Be(1);
        _h.Media.GetMatchCount(freshDownload).Should().Be(1);
        var job = await _h.JobAsync(CallId);
        job.Status.Should().Be(RecordingArchiveStatus.Archived);
        job.Attempts.Should().Be(1, "the re-fetch is part of the attempt");
    }

    [Theory]
    [InlineData(HttpStatusCode.Forbidden)]
    [InlineData(HttpStatusCode.NotFound)]
    public async Task A_link_storage_refuses_is_re_fetched_and_downloaded_again(HttpStatusCode refusal)
    {
        var audio = ArchiverHarness.Audio(5_000);
        var refused = _h.Link(CallId, "sig-refused");
        var refusedDownload = _h.Media.When(HttpMethod.Get, refused).Respond(refusal, "application/xml", "<Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>");
        var fresh = _h.Link(CallId, "sig-fresh");
        var freshDownload = _h.Media.When(HttpMethod.Get, fresh).Respond(_ => Mp3(audio));
        var refetch = _h.Api.When(HttpMethod.Get, MockAircallUrl(CallId)).Respond("application/json", "{\"call\":" + ArchiverHarness.CallJson(CallId, recording: fresh) + "}");
        await _h.Processor.ProcessAsync(_h.Delivery(CallId, recording: refused), CancellationToken.None);

        await _h.RunDueAsync();

        _h.Media.GetMatchCount(refusedDownload).Should().Be(1);
        _h.Api.GetMatchCount(refetch).Should().Be(1);
        _h.Media.GetMatchCount(freshDownload).Should().Be(1);
        (await _h.JobAsync(CallId)).Status.Should().Be(RecordingArchiveStatus.Archived);
        File.ReadAllBytes(_h.Sink.PathOf(new RecordingArchiveKey(null, CallId, RecordingKind.Recording))).Should().Equal(audio);
    }

    [Fact]
    public async Task A_recording_deleted_since_is_recorded_as_no_audio()
    {
        var gone = _h.Link(CallId, "sig-gone");
        _h.Media.When(HttpMethod.Get, gone).Respond(HttpStatusCode.NotFound);
        _h.ServeCall(CallId, recording: null);
        await _h.Processor.ProcessAsync(_h.Delivery(CallId, recording: gone), CancellationToken.None);

        await _h.RunDueAsync();

        var job = await _h.JobAsync(CallId);
        job.Status.Should().Be(RecordingArchiveStatus.NoAudio);
        job.Reason.Should().Be("the call has no recording (any more)");
        _h.Files().Should().BeEmpty();
    }

    [Fact]
    public async Task A_call_Aircall_no_longer_has_is_recorded_as_no_audio()
    {
        _h.Api.When(HttpMethod.Get, MockAircallUrl(CallId)).Respond(HttpStatusCode.NotFound, "application/json", "{\"error\":\"Not Found\",\"troubleshoot\":\"Check the call id\"}");
        await _h.Jobs.EnqueueAsync([new RecordingArchiveKey(null, CallId, RecordingKind.Voicemail)], _h.Time.GetUtcNow(), CancellationToken.None);

        await _h.RunDueAsync();

        var job = await _h.JobAsync(CallId, RecordingKind.Voicemail);
        job.Status.Should().Be(RecordingArchiveStatus.NoAudio);
        job.Reason.Should().Contain("404");
    }

    [Fact]
    public async Task Storage_failures_are_retried_with_backoff_then_the_job_fails_with_the_reason()
    {
        var link = _h.Link(CallId, "sig-1", expires: 86_400);
        var download = _h.Media.When(HttpMethod.Get, link).Respond(HttpStatusCode.ServiceUnavailable);
        await _h.Processor.ProcessAsync(_h.Delivery(CallId, recording: link), CancellationToken.None);
        _h.ServeCall(CallId, recording: link);

        await _h.RunDueAsync();
        var first = await _h.JobAsync(CallId);
        first.Status.Should().Be(RecordingArchiveStatus.Pending);
        first.Attempts.Should().Be(1);
        first.NextAttemptAt.Should().Be(_h.Time.GetUtcNow() + TimeSpan.FromSeconds(30));
        first.Reason.Should().Be($"{ArchiverHarness.MediaHost} answered 503");
        (await _h.RunDueAsync()).Should().Be(0, "the next attempt waits for its backoff");

        _h.Time.Advance(TimeSpan.FromSeconds(30));
        (await _h.RunDueAsync()).Should().Be(1);
        (await _h.JobAsync(CallId)).NextAttemptAt.Should().Be(_h.Time.GetUtcNow() + TimeSpan.FromSeconds(60), "the delay doubles");

        _h.Time.Advance(TimeSpan.FromSeconds(60));
        await _h.RunDueAsync();
        var last = await _h.JobAsync(CallId);
        last.Status.Should().Be(RecordingArchiveStatus.Failed);
        last.Attempts.Should().Be(3);
        last.Reason.Should().Be($"{ArchiverHarness.MediaHost} answered 503");
        _h.Media.GetMatchCount(download).Should().Be(3);

        _h.Time.Advance(TimeSpan.FromHours(1));
        (await _h.RunDueAsync()).Should().Be(0, "a failed job is never retried on its own");
        _h.Files().Should().BeEmpty();
    }

    [Fact]
    public async Task A_link_to_a_host_not_allowed_is_never_requested_and_fails_naming_the_host()
    {
        var link = _h.Link(CallId, "sig-1", host: "files.attacker.example");
        var download = _h.Media.When("*").Respond(_ => Mp3([1, 2, 3]));
        await _h.Processor.ProcessAsync(_h.Delivery(CallId, recording: link), CancellationToken.None);

        await _h.RunDueAsync();

        _h.Media.GetMatchCount(download).Should().Be(0);
        var job = await _h.JobAsync(CallId);
        job.Status.Should().Be(RecordingArchiveStatus.Failed);
        job.Attempts.Should().Be(1, "a refused host is not retried");
        job.Reason.Should().Contain("files.attacker.example").And.Contain("AllowedHosts");
    }

    [Fact]
    public async Task A_redirect_to_a_host_not_allowed_is_not_followed()
    {
        var link = _h.Link(CallId, "sig-1");
        _h.Media.When(HttpMethod.Get, link).Respond(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Found);
            response.Headers.Location = new Uri("https://files.attacker.example/steal.mp3");
            return response;
        });
        var elsewhere = _h.Media.When("https://files.attacker.example/*").Respond(_ => Mp3([1, 2, 3]));
        await _h.Processor.ProcessAsync(_h.Delivery(CallId, recording: link), CancellationToken.None);

        await _h.RunDueAsync();

        _h.Media.GetMatchCount(elsewhere).Should().Be(0);
        (await _h.JobAsync(CallId)).Status.Should().Be(RecordingArchiveStatus.Failed);
    }

    [Fact]
    public async Task An_allowed_host_of_the_users_own_is_downloaded()
    {
        using var h = new ArchiverHarness(options => options.AllowedHosts.Add("media.example.org"));
        var audio = ArchiverHarness.Audio(2_000);
        var link = h.Link(CallId, "sig-1", host: "media.example.org");
        h.Media.When(HttpMethod.Get, link).Respond(_ => Mp3(audio));
        await h.Processor.ProcessAsync(h.Delivery(CallId, recording: link), CancellationToken.None);

        await h.RunDueAsync();

        (await h.JobAsync(CallId)).Status.Should().Be(RecordingArchiveStatus.Archived);
    }

    [Fact]
    public async Task A_connection_cut_mid_body_leaves_no_file_and_the_job_pending_then_the_retry_archives_it()
    {
        var audio = ArchiverHarness.Audio(200_000);
        var link = _h.Link(CallId, "sig-1", expires: 86_400);
        var calls = 0;
        _h.Media.When(HttpMethod.Get, link).Respond(_ => ++calls == 1 ? Cut(audio, 70_000) : Mp3(audio));
        await _h.Processor.ProcessAsync(_h.Delivery(CallId, recording: link), CancellationToken.None);
        _h.ServeCall(CallId, recording: link);

        await _h.RunDueAsync();

        var job = await _h.JobAsync(CallId);
        job.Status.Should().Be(RecordingArchiveStatus.Pending);
        job.Bytes.Should().BeNull();
        job.Reason.Should().StartWith($"the connection to {ArchiverHarness.MediaHost} broke after ");
        _h.Files().Should().BeEmpty("neither a truncated .mp3 nor its .partial file is left");

        _h.Time.Advance(TimeSpan.FromSeconds(30));
        await _h.RunDueAsync();
        (await _h.JobAsync(CallId)).Status.Should().Be(RecordingArchiveStatus.Archived);
        File.ReadAllBytes(_h.Sink.PathOf(new RecordingArchiveKey(null, CallId, RecordingKind.Recording))).Should().Equal(audio);
    }

    [Fact]
    public async Task A_body_shorter_than_its_content_length_is_not_counted_as_archived()
    {
        var audio = ArchiverHarness.Audio(50_000);
        var link = _h.Link(CallId, "sig-1");
        _h.Media.When(HttpMethod.Get, link).Respond(_ =>
        {
            var response = Mp3(audio[..20_000]);
            response.Content.Headers.ContentLength = audio.Length;
            return response;
        });
        await _h.Processor.ProcessAsync(_h.Delivery(CallId, recording: link), CancellationToken.None);

        await _h.RunDueAsync();

        (await _h.JobAsync(CallId)).Status.Should().Be(RecordingArchiveStatus.Pending);
        _h.Files().Should().BeEmpty();
    }

    [Fact]
    public async Task Recording_and_voicemail_of_several_accounts_get_one_file_each_named_from_ids_only()
    {
        using var h = new ArchiverHarness();
        var hostile = "../../../etc/cron.d/x";
        var recording = ArchiverHarness.Audio(1_000, seed: 1);
        var voicemail = ArchiverHarness.Audio(1_000, seed: 2);
        var r = h.Link(CallId, "sig-r");
        var v = h.Link(CallId, "sig-v").Replace("recording.mp3", "voicemail.mp3", StringComparison.Ordinal);
        h.Media.When(HttpMethod.Get, r).Respond(_ => Mp3(recording));
        h.Media.When(HttpMethod.Get, v).Respond(_ => Mp3(voicemail));
        var observer = h.Services.GetServices<ICallWriteObserver>().Single();
        var call = System.Text.Json.JsonSerializer.Deserialize<Aircall.CallSync.Models.Call>(ArchiverHarness.CallJson(CallId, r, v))!;
        await observer.OnCallsWrittenAsync(
            [new CallWrite(call, h.Time.GetUtcNow(), CallWriteSource.Batch) { AccountId = hostile }, new CallWrite(call, h.Time.GetUtcNow(), CallWriteSource.Batch) { AccountId = "acme" }],
            CancellationToken.None);

        while (await h.RunDueAsync() > 0)
        {
        }

        h.Files().Should().Equal(
            Path.Combine("account-acme", $"{CallId}-recording.mp3"),
            Path.Combine("account-acme", $"{CallId}-voicemail.mp3"),
            Path.Combine("account-~2e~2e~2f~2e~2e~2f~2e~2e~2fetc~2fcron~2ed~2fx", $"{CallId}-recording.mp3"),
            Path.Combine("account-~2e~2e~2f~2e~2e~2f~2e~2e~2fetc~2fcron~2ed~2fx", $"{CallId}-voicemail.mp3"));
        File.ReadAllBytes(h.Sink.PathOf(new RecordingArchiveKey("acme", CallId, RecordingKind.Voicemail))).Should().Equal(voicemail);
        Directory.GetParent(h.Sink.PathOf(new RecordingArchiveKey(hostile, CallId, RecordingKind.Recording)))!.Parent!.FullName.Should().Be(h.Root);
    }

    [Fact]
    public async Task Signed_links_never_reach_the_logs_or_the_recorded_reasons()
    {
        var link = _h.Link(CallId, "SIGNATURE-SECRET-0d9f", expires: 86_400);
        _h.Media.When(HttpMethod.Get, link).Respond(HttpStatusCode.Forbidden);
        _h.ServeCall(CallId, recording: link);
        await _h.Processor.ProcessAsync(_h.Delivery(CallId, recording: link), CancellationToken.None);

        for (var i = 0; i < 3; i++)
        {
            await _h.RunDueAsync();
            _h.Time.Advance(TimeSpan.FromMinutes(5));
        }

        var job = await _h.JobAsync(CallId);
        job.Status.Should().Be(RecordingArchiveStatus.Failed);
        job.Reason.Should().NotContain("SIGNATURE").And.NotContain("X-Amz");
        _h.Logs.Entries.Should().NotBeEmpty();
        _h.Logs.Entries.Should().NotContain(e => e.Contains("SIGNATURE-SECRET", StringComparison.Ordinal) || e.Contains("X-Amz-", StringComparison.Ordinal));
        _h.Logs.Messages.Should().Contain(m => m.Contains(CallId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) && m.Contains(ArchiverHarness.MediaHost, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_shutdown_mid_download_hands_the_job_back_due_at_once_with_no_attempt_counted()
    {
        var link = _h.Link(CallId, "sig-1");
        var gate = new TaskCompletionSource();
        _h.Media.When(HttpMethod.Get, link).Respond(async () =>
        {
            await gate.Task;
            return Mp3([1, 2, 3]);
        });
        await _h.Processor.ProcessAsync(_h.Delivery(CallId, recording: link), CancellationToken.None);
        using var stopping = new CancellationTokenSource();
        var now = _h.Time.GetUtcNow();
        var claimed = await _h.Jobs.ClaimDueAsync(now, 1, now + TimeSpan.FromMinutes(15), CancellationToken.None);

        var work = _h.Archiver.ProcessAsync(claimed.Single(), stopping.Token);
        (await _h.JobAsync(CallId)).NextAttemptAt.Should().Be(now + TimeSpan.FromMinutes(15), "a claimed job is leased");
        await stopping.CancelAsync();
        var stop = async () => await work;
        await stop.Should().ThrowAsync<OperationCanceledException>();

        var job = await _h.JobAsync(CallId);
        job.Status.Should().Be(RecordingArchiveStatus.Pending);
        job.Attempts.Should().Be(0);
        job.NextAttemptAt.Should().Be(now);
        _h.Files().Should().BeEmpty();
        gate.SetResult();
    }

    private static string MockAircallUrl(long id) => TestSupport.MockAircall.BaseUrl + "v1/calls/" + id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static HttpResponseMessage Mp3(byte[] audio)
    {
        var content = new ByteArrayContent(audio);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("audio/mpeg");
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    private static HttpResponseMessage Cut(byte[] audio, int after)
    {
        var content = new StreamContent(new CutStream(audio, after));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("audio/mpeg");
        content.Headers.ContentLength = audio.Length;
        return new HttpResponseMessage(HttpStatusCode.OK) { Content = content };
    }

    /// <summary>Serves the first bytes, then fails as a reset connection does.</summary>
    private sealed class CutStream(byte[] audio, int after) : MemoryStream(audio, 0, after)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("The response ended prematurely (connection reset).");
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = base.Read(buffer, offset, count);
            return read > 0 ? read : throw new IOException("The response ended prematurely (connection reset).");
        }
    }
}
