using Aircall.CallSync.IntegrationTests.Infrastructure;
using Aircall.CallSync.Recordings;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Testing;
using Aircall.CallSync.Webhooks;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.IntegrationTests.Recordings;

/// <summary>
/// The archiver in a webhook application over Kestrel, against the simulator over Kestrel: its deliveries bring calls
/// with signed links to real MP3 files on 127.0.0.1, its API re-issues them, its storage refuses expired ones.
/// </summary>
public sealed class RecordingArchiverEndToEndTests : IAsyncLifetime
{
    private readonly InMemoryCallStore _calls = new();
    private readonly InMemoryRecordingArchiveStore _jobs = new();
    private readonly string _root = Path.Combine(Path.GetTempPath(), "aircall-archiver-e2e", Guid.NewGuid().ToString("N"));
    private AircallSimulator _sim = null!;
    private WebApplication _app = null!;
    private readonly SwappableToken _token = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 300, Seed = 17, RateLimit = 0, WebhookMaxAttempts = 1, WebhookRetryDelay = TimeSpan.Zero });
        var api = await _sim.StartKestrelAsync(Ct);
        Uri endpoint;
        (_app, var address) = await LoopbackApp.StartAsync(
            builder =>
            {
                builder.Services.AddSingleton<ICallStore>(_calls);
                builder.Services.AddSingleton<IRecordingArchiveStore>(_jobs);
                builder.Services.AddAircallCallSync(o =>
                    {
                        o.BaseAddress = api;
                        o.ApiId = _sim.DefaultAccount.ApiId;
                        o.ApiToken = _sim.DefaultAccount.ApiToken;
                    })
                    .AddWebhooks()
                    .AddWebhookTokenResolver(_ => _token)
                    .AddRecordingArchiver(o =>
                    {
                        o.Directory = _root;
                        o.AllowedHosts.Add("127.0.0.1");
                        o.PollInterval = TimeSpan.FromMilliseconds(200);
                        o.RetryDelay = TimeSpan.FromMilliseconds(100);
                    });
            },
            app => app.MapAircallWebhook("/aircall/webhook"));
        endpoint = new Uri(address, "/aircall/webhook");
        var webhook = await _app.Services.GetRequiredService<AircallClient>().Webhooks.EnsureWebhookAsync(endpoint, cancellationToken: Ct);
        _token.Token = webhook.Token!;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _sim.DisposeAsync();
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task A_call_ended_with_a_recording_puts_the_simulators_exact_mp3_on_disk()
    {
        var id = _sim.DefaultAccount.EnumerateCalls().First(c => c.Recording is not null).Id;

        var deliveries = await _sim.Webhooks.DeliverEventAsync(id, AircallWebhookEvents.CallEnded, Ct);

        deliveries.Should().OnlyContain(d => d.Succeeded);
        var job = await ArchivedAsync(new RecordingArchiveKey(null, id, RecordingKind.Recording));
        job.Status.Should().Be(RecordingArchiveStatus.Archived, job.Reason);
        File.ReadAllBytes(Path.Combine(_root, job.Location!)).Should().Equal(SimulatorMedia.RecordingFile.ToArray());
        job.Bytes.Should().Be(SimulatorMedia.RecordingFile.Length);
        _sim.Media.CompletedDownloadsOf(id).Should().Be(1);
        _sim.Requests.Should().NotContain(r => r.Path == $"/v1/calls/{id}", "the delivered link was fresh");
    }

    [Fact]
    public async Task A_link_the_storage_refuses_as_expired_is_re_fetched_from_the_api_and_downloaded()
    {
        var id = _sim.DefaultAccount.EnumerateCalls().First(c => c.Voicemail is not null).Id;
        _sim.Media.ExpireNext(1, id);

        (await _sim.Webhooks.DeliverEventAsync(id, AircallWebhookEvents.CallVoicemailLeft, Ct)).Should().OnlyContain(d => d.Succeeded);

        var job = await ArchivedAsync(new RecordingArchiveKey(null, id, RecordingKind.Voicemail));
        job.Status.Should().Be(RecordingArchiveStatus.Archived, job.Reason);
        job.Attempts.Should().Be(1, "the re-fetch and the second download are one attempt");
        File.ReadAllBytes(Path.Combine(_root, job.Location!)).Should().Equal(SimulatorMedia.VoicemailFile.ToArray());
        _sim.Media.Requests.Where(r => r.CallId == id).Select(r => r.StatusCode).Should().Equal(403, 200);
        _sim.Requests.Should().ContainSingle(r => r.Path == $"/v1/calls/{id}", "the fresh link came from GET /v1/calls/{id}");
    }

    [Fact]
    public async Task The_webhook_is_answered_while_the_download_is_still_blocked()
    {
        var id = _sim.DefaultAccount.EnumerateCalls().First(c => c.Recording is not null).Id;
        var gate = _sim.Media.HoldNext(afterBytes: 1_000, callId: id);

        var deliveries = await _sim.Webhooks.DeliverEventAsync(id, AircallWebhookEvents.CallEnded, Ct);

        // Aircall has its 200 while the download has not got past its first kilobyte.
        deliveries.Should().OnlyContain(d => d.Succeeded && d.StatusCode == 200);
        gate.IsReleased.Should().BeFalse();
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30), Ct);
        var key = new RecordingArchiveKey(null, id, RecordingKind.Recording);
        (await _jobs.GetAsync(key, Ct))!.Status.Should().Be(RecordingArchiveStatus.Pending);
        File.Exists(Path.Combine(_root, FileSystemRecordingSink.RelativePathOf(key))).Should().BeFalse("nothing is committed before the last byte");

        gate.Release();
        var job = await ArchivedAsync(key);
        job.Status.Should().Be(RecordingArchiveStatus.Archived, job.Reason);
        File.ReadAllBytes(Path.Combine(_root, job.Location!)).Should().Equal(SimulatorMedia.RecordingFile.ToArray());
    }

    [Fact]
    public async Task A_download_cut_mid_file_is_retried_and_never_leaves_a_truncated_file()
    {
        var id = _sim.DefaultAccount.EnumerateCalls().First(c => c.Recording is not null).Id;
        _sim.Media.CutNext(1, afterBytes: 4_000, callId: id);

        (await _sim.Webhooks.DeliverEventAsync(id, AircallWebhookEvents.CallEnded, Ct)).Should().OnlyContain(d => d.Succeeded);

        var job = await ArchivedAsync(new RecordingArchiveKey(null, id, RecordingKind.Recording));
        job.Status.Should().Be(RecordingArchiveStatus.Archived, job.Reason);
        job.Attempts.Should().Be(2);
        File.ReadAllBytes(Path.Combine(_root, job.Location!)).Should().Equal(SimulatorMedia.RecordingFile.ToArray());
        Directory.EnumerateFiles(_root, "*.partial", SearchOption.AllDirectories).Should().BeEmpty();
        _sim.Media.DownloadsOf(id).Should().Be(2);
        _sim.Media.CompletedDownloadsOf(id).Should().Be(1);
    }

    /// <summary>Waits (up to a minute) until the job is no longer pending, then returns it.</summary>
    private async Task<RecordingArchiveJob> ArchivedAsync(RecordingArchiveKey key)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        limit.CancelAfter(TimeSpan.FromMinutes(1));
        while (true)
        {
            if (await _jobs.GetAsync(key, limit.Token) is { Status: not RecordingArchiveStatus.Pending } job)
            {
                return job;
            }

            await Task.Delay(50, limit.Token);
        }
    }

    /// <summary>The webhook's token, known once the simulator has created the webhook (after the endpoint is mapped).</summary>
    private sealed class SwappableToken : IWebhookTokenResolver
    {
        public string Token { get; set; } = "not-set-yet-000000000000000000";

        public ValueTask<WebhookTokenMatch?> ResolveAsync(string token, CancellationToken cancellationToken)
            => ValueTask.FromResult<WebhookTokenMatch?>(WebhookTokenComparer.Matches(token, Token) ? new WebhookTokenMatch(null) : null);
    }
}
