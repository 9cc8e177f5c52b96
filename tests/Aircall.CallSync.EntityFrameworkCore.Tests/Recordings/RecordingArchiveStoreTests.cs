using Aircall.CallSync.EntityFrameworkCore.Tests.Infrastructure;
using Aircall.CallSync.Recordings;
using Aircall.CallSync.Storage;
using Aircall.CallSync.Sync;
using Aircall.CallSync.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Aircall.CallSync.EntityFrameworkCore.Tests.Recordings;

/// <summary>The recording archive table: jobs queued once, claimed by one worker at a time, outcomes kept, pending jobs resumed after a restart.</summary>
public abstract class RecordingArchiveStoreTests(TestProvider provider) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private ArchiveDatabase _db = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _db = await ArchiveDatabase.CreateAsync(provider);

    public async ValueTask DisposeAsync()
    {
        await _db.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Jobs_are_queued_once_claimed_under_a_lease_and_keep_their_outcome()
    {
        var store = new EntityFrameworkCoreRecordingArchiveStore<ArchiveContext>(_db);
        RecordingArchiveKey recording = new(null, 42, RecordingKind.Recording), voicemail = new("acme", 42, RecordingKind.Voicemail);

        (await store.EnqueueAsync([recording, voicemail], Now, Ct)).Should().Be(2);
        (await store.EnqueueAsync([recording, voicemail, recording], Now.AddMinutes(1), Ct)).Should().Be(0, "a known key is left as it is");
        var queued = (await store.GetAsync(voicemail, Ct))!;
        (queued.Status, queued.Attempts, queued.NextAttemptAt, queued.CreatedAt, queued.Key).Should().Be((RecordingArchiveStatus.Pending, 0, Now, Now, voicemail));

        var lease = Now.AddMinutes(15);
        var claimed = await store.ClaimDueAsync(Now, 10, lease, Ct);
        claimed.Select(j => j.Key).Should().BeEquivalentTo([recording, voicemail]);
        claimed.Should().OnlyContain(j => j.NextAttemptAt == lease);
        (await store.ClaimDueAsync(Now.AddMinutes(14), 10, Now.AddMinutes(30), Ct)).Should().BeEmpty("both are leased");

        var done = claimed.Single(j => j.Key == recording);
        done.Status = RecordingArchiveStatus.Archived;
        done.Attempts = 1;
        done.Bytes = 11_037;
        done.Sha256 = new string('a', 64);
        done.Location = "default/42-recording.mp3";
        done.UpdatedAt = Now.AddSeconds(3);
        await store.UpdateAsync(done, Ct);
        var read = (await store.GetAsync(recording, Ct))!;
        read.Should().BeEquivalentTo(done);

        var after = await store.ClaimDueAsync(lease, 10, lease.AddMinutes(15), Ct);
        after.Should().ContainSingle().Which.Key.Should().Be(voicemail, "a lease that ran out makes the job due again; an archived job never is");

        await using var context = _db.CreateDbContext();
        var rows = await context.Set<AircallRecordingArchive>().AsNoTracking().OrderBy(a => a.AccountId).ToListAsync(Ct);
        rows.Select(r => (r.AccountId, r.CallId, r.Kind, r.Status)).Should().Equal(
            ("", 42L, RecordingKind.Recording, RecordingArchiveStatus.Archived),
            ("acme", 42L, RecordingKind.Voicemail, RecordingArchiveStatus.Pending));
    }

    [Fact]
    public async Task Two_processes_claiming_at_once_never_take_the_same_job()
    {
        var first = new EntityFrameworkCoreRecordingArchiveStore<ArchiveContext>(_db);
        var second = new EntityFrameworkCoreRecordingArchiveStore<ArchiveContext>(_db.SecondProcess());
        var keys = Enumerable.Range(1, 40).Select(i => new RecordingArchiveKey(null, i, RecordingKind.Recording)).ToArray();
        await first.EnqueueAsync(keys, Now, Ct);

        var claims = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var mine = new List<RecordingArchiveKey>();
            var store = i % 2 == 0 ? first : second;
            IReadOnlyList<RecordingArchiveJob> batch;
            while ((batch = await store.ClaimDueAsync(Now, 3, Now.AddMinutes(15), Ct)).Count > 0)
            {
                mine.AddRange(batch.Select(j => j.Key));
            }

            return mine;
        }, Ct)));

        var all = claims.SelectMany(c => c).ToList();
        all.Should().OnlyHaveUniqueItems().And.BeEquivalentTo(keys);
    }

    [Fact]
    public async Task Pending_downloads_resume_after_a_restart_and_every_file_is_downloaded_to_the_end_once()
    {
        await using var sim = new AircallSimulator(new AircallSimulatorOptions { CallCount = 60, Seed = 5, RateLimit = 0 });
        var api = await sim.StartKestrelAsync(Ct);
        var root = Path.Combine(Path.GetTempPath(), "aircall-archiver-restart", Guid.NewGuid().ToString("N"));
        var expected = sim.DefaultAccount.EnumerateCalls().Count(c => c.Recording is not null) + sim.DefaultAccount.EnumerateCalls().Count(c => c.Voicemail is not null);
        expected.Should().BeGreaterThan(3);
        try
        {
            // First run: a batch sync queues every recording and voicemail; the first download blocks, then the host stops.
            var gate = sim.Media.HoldNext(afterBytes: 500);
            using (var first = Host(api, sim, root))
            {
                await first.StartAsync(Ct);
                var observers = first.Services.GetServices<ICallWriteObserver>();
                await new CallSyncRunner(new InMemoryCallStore(), observers: observers).RunAsync(first.Services.GetRequiredService<AircallClient>(), cancellationToken: Ct);
                await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30), Ct);
                await first.StopAsync(Ct);
            }

            var store = new EntityFrameworkCoreRecordingArchiveStore<ArchiveContext>(_db);
            await using (var context = _db.CreateDbContext())
            {
                var rows = await context.Set<AircallRecordingArchive>().AsNoTracking().ToListAsync(Ct);
                rows.Should().HaveCount(expected).And.OnlyContain(r => r.Status == RecordingArchiveStatus.Pending && r.Attempts == 0, "the held job was handed back, the others never started");
            }

            // The sink may not have created the folder yet (nothing was committed): no folder is no file.
            (Directory.Exists(root) ? Directory.EnumerateFiles(root, "*.mp3", SearchOption.AllDirectories) : []).Should().BeEmpty();

            // Second run on the same database: no sync, no webhook; the worker finds the pending jobs and finishes them.
            using (var second = Host(api, sim, root))
            {
                await second.StartAsync(Ct);
                using var limit = CancellationTokenSource.CreateLinkedTokenSource(Ct);
                limit.CancelAfter(TimeSpan.FromMinutes(2));
                await using var context = _db.CreateDbContext();
                while (await context.Set<AircallRecordingArchive>().AsNoTracking().CountAsync(r => r.Status == RecordingArchiveStatus.Pending, limit.Token) > 0)
                {
                    await Task.Delay(100, limit.Token);
                }

                await second.StopAsync(Ct);
            }

            await using (var context = _db.CreateDbContext())
            {
                var rows = await context.Set<AircallRecordingArchive>().AsNoTracking().ToListAsync(Ct);
                rows.Should().HaveCount(expected).And.OnlyContain(r => r.Status == RecordingArchiveStatus.Archived, string.Join("; ", rows.Select(r => r.Reason)));
                foreach (var row in rows)
                {
                    var source = row.Kind == RecordingKind.Voicemail ? SimulatorMedia.VoicemailFile : SimulatorMedia.RecordingFile;
                    File.ReadAllBytes(Path.Combine(root, row.Location!)).Should().Equal(source.ToArray());
                    row.Bytes.Should().Be(source.Length);
                }
            }

            sim.Media.Requests.Count(r => r.Completed).Should().Be(expected, "each file is downloaded to the end exactly once");
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private IHost Host(Uri api, AircallSimulator sim, string root)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddLogging();
        builder.Services.AddSingleton<IDbContextFactory<ArchiveContext>>(_db);
        builder.Services.AddAircallCallSync(o =>
            {
                o.BaseAddress = api;
                o.ApiId = sim.DefaultAccount.ApiId;
                o.ApiToken = sim.DefaultAccount.ApiToken;
                o.RateLimit.PermitLimit = 10_000;
            })
            .AddEntityFrameworkCoreRecordingArchive<ArchiveContext>()
            .AddRecordingArchiver(o =>
            {
                o.Directory = root;
                o.MaxConcurrency = 1;
                o.AllowedHosts.Add("127.0.0.1");
                o.PollInterval = TimeSpan.FromMilliseconds(200);
            });
        return builder.Build();
    }
}

public sealed class PostgresRecordingArchiveStoreTests() : RecordingArchiveStoreTests(TestProvider.PostgreSql);

public sealed class SqliteRecordingArchiveStoreTests() : RecordingArchiveStoreTests(TestProvider.Sqlite);
