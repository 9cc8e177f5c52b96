using System.Globalization;
using Aircall.CallSync.Accounts;
using Aircall.CallSync.IntegrationTests.Samples;
using Aircall.CallSync.Quartz;
using Aircall.CallSync.Testing;
using Quartz;

namespace Aircall.CallSync.IntegrationTests.Fleet;

/// <summary>
/// The fleet's failure handling, in one worker in the test process (<see cref="FleetWorker"/>): a real clustered Quartz
/// scheduler on PostgreSQL (its own schema), the simulator on Kestrel at 127.0.0.1 with a one-second rate-limit window.
/// What a revoked token, an account that keeps failing, an uninstall, an account store that fails before the slice and a
/// lost rescheduling each do to the account concerned, and that the other accounts carry on.
/// </summary>
public sealed class FleetFailureTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(40);

    /// <summary>How much earlier than its due time Quartz may fire a trigger (it fires when less than a few ms remain).</summary>
    private static readonly TimeSpan Early = TimeSpan.FromMilliseconds(20);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_revoked_token_costs_one_request_marks_the_account_NeedsReinstall_and_removes_its_job_while_the_others_sync_everything()
    {
        await using var schema = await SamplePostgresSchema.CreateAsync();
        await using var sim = NewSimulator();
        var address = await sim.StartKestrelAsync(Ct);
        var accounts = new InMemoryAircallAccountStore();
        var (first, _) = await FleetWorker.InstallAsync(sim, accounts, "acct-a", calls: 300);
        var (_, revoked) = await FleetWorker.InstallAsync(sim, accounts, "acct-b", calls: 300);
        var (third, _) = await FleetWorker.InstallAsync(sim, accounts, "acct-c", calls: 300);
        sim.OAuth.RevokeToken(revoked).Should().BeTrue();

        await using var worker = await FleetWorker.StartAsync(schema, address, accounts);
        await worker.WaitUntilAsync(
            async () => worker.HasAllCalls("acct-a", first) && worker.HasAllCalls("acct-c", third)
                && (await accounts.FindAsync("acct-a", Ct))!.LastSyncAt is not null && (await accounts.FindAsync("acct-c", Ct))!.LastSyncAt is not null
                && (await accounts.FindAsync("acct-b", Ct))!.Status == AircallAccountStatus.NeedsReinstall
                && !await worker.HasJobAsync("acct-b"),
            Timeout, () => Progress(worker, sim));

        // Two reconciliations later (and the worker's own, every second), the account still has no job and got no request.
        var reconciled = await worker.Fleet.ReconcileAsync(Ct);
        reconciled.ActiveAccounts.Should().Be(2);
        reconciled.Added.Should().Be(0, "an account that needs a reinstall gets no job back");
        (await worker.Fleet.ReconcileAsync(Ct)).Added.Should().Be(0);
        var jobs = (B: await worker.HasJobAsync("acct-b"), A: await worker.HasJobAsync("acct-a"), C: await worker.HasJobAsync("acct-c"));
        await worker.StopAsync();

        using var scope = new FluentAssertions.Execution.AssertionScope();
        scope.AddReportable("slices", worker.Slices.Describe);
        sim.Requests.Count(r => r.StatusCode == 403).Should().Be(1, "the first 403 marks the account; no request is sent for it after");
        sim.Requests.Where(r => r.StatusCode != 200).Should().OnlyContain(r => r.StatusCode == 403, "nothing else failed");
        jobs.B.Should().BeFalse();
        jobs.A.Should().BeTrue("caught up, due again one interval later");
        jobs.C.Should().BeTrue();
        var account = (await accounts.FindAsync("acct-b", Ct))!;
        account.Status.Should().Be(AircallAccountStatus.NeedsReinstall);
        account.LastError.Should().Contain("install the app again");
        account.NextSyncAt.Should().BeNull("it runs no more");
        account.LastSyncAt.Should().BeNull();
        worker.Slices.Of("acct-b").Should().ContainSingle().Which.Should().Match<AircallFleetSlice>(s => s.Outcome == AircallFleetSliceOutcome.NeedsReinstall && s.NextRunAt == null);
        worker.StoredCallIds("acct-b").Should().BeEmpty();
        worker.StoredCallIds("acct-a").Order().Should().Equal(first.EnumerateCalls().Select(c => c.Id).Order());
        worker.StoredCallIds("acct-c").Order().Should().Equal(third.EnumerateCalls().Select(c => c.Id).Order());
        worker.Slices.Of("acct-a").Should().HaveCountGreaterThan(1, "300 calls are 7 pages: two slices of 4 requests");
    }

    [Fact]
    public async Task An_account_that_keeps_failing_backs_off_in_its_schedule_while_a_big_backlog_keeps_the_only_slot()
    {
        await using var schema = await SamplePostgresSchema.CreateAsync();
        await using var sim = NewSimulator();
        var address = await sim.StartKestrelAsync(Ct);
        var accounts = new InMemoryAircallAccountStore();
        var (healthy, _) = await FleetWorker.InstallAsync(sim, accounts, "acct-healthy", calls: 3_000);
        var (failing, _) = await FleetWorker.InstallAsync(sim, accounts, "acct-failing", calls: 100);
        sim.Faults.FailNextFor(failing, 100_000);

        await using var worker = await FleetWorker.StartAsync(schema, address, accounts, o =>
        {
            o.MaxConcurrentSlices = 1;
            o.InitialBackoff = TimeSpan.FromMilliseconds(200);
            o.MaxBackoff = TimeSpan.FromSeconds(1.6);
        });
        await worker.WaitUntilAsync(
            async () => worker.HasAllCalls("acct-healthy", healthy) && (await accounts.FindAsync("acct-healthy", Ct))!.LastSyncAt is not null
                && worker.Slices.Of("acct-failing").Count >= 5,
            Timeout, () => Progress(worker, sim));
        await worker.StopAsync();

        using var scope = new FluentAssertions.Execution.AssertionScope();
        scope.AddReportable("slices", worker.Slices.Describe);
        var all = worker.Slices.All.OrderBy(s => s.StartedAt).ToList();
        for (var i = 1; i < all.Count; i++)
        {
            all[i].StartedAt.Should().BeOnOrAfter(all[i - 1].EndedAt, "one slot: slices run one at a time");
        }

        // The failing account: each failed slice puts it InitialBackoff × 2^(failures − 1) away, capped, and it is not run
        // before that time.
        var failed = worker.Slices.Of("acct-failing").Where(s => s.Outcome != AircallFleetSliceOutcome.Stopped).ToList();
        failed.Should().OnlyContain(s => s.Outcome == AircallFleetSliceOutcome.Failed && s.Error != null && s.CallsWritten == 0);
        failed.Take(5).Select(s => s.NextRunAt!.Value - s.EndedAt).Should().Equal(
            TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(800), TimeSpan.FromMilliseconds(1600), TimeSpan.FromMilliseconds(1600));
        for (var k = 1; k < failed.Count; k++)
        {
            failed[k].StartedAt.Should().BeOnOrAfter(failed[k - 1].NextRunAt!.Value - Early, $"failed slice {k + 1} waits out the back-off of slice {k}");
        }

        // While it backs off, it holds no slot: the healthy account's slices run in every back-off window it was still busy
        // in.
        var healthySlices = worker.Slices.Of("acct-healthy");
        var healthyDone = healthySlices.Max(s => s.EndedAt);
        var windows = 0;
        for (var k = 0; k + 1 < failed.Count && failed[k + 1].StartedAt < healthyDone; k++)
        {
            windows++;
            var (from, to) = (failed[k].EndedAt, failed[k + 1].StartedAt);
            healthySlices.Should().Contain(s => s.StartedAt >= from && s.StartedAt <= to,
                $"the healthy account runs while the failing one backs off ({from:HH:mm:ss.fff} to {to:HH:mm:ss.fff})");
        }

        windows.Should().BeGreaterThanOrEqualTo(2, "the healthy backlog outlasted several back-offs");
        healthySlices.Should().HaveCountGreaterThan(failed.Count, "the backlog got the slot far more often than the failing account");

        var status = (await accounts.FindAsync("acct-failing", Ct))!;
        status.Status.Should().Be(AircallAccountStatus.Active, "a 5xx is no reason to stop syncing the account");
        status.LastError.Should().Contain("503");
        status.LastErrorAt.Should().NotBeNull();
        status.NextSyncAt.Should().Be(worker.Slices.Of("acct-failing")[^1].NextRunAt, "the next run the last slice decided");
        status.LastSyncAt.Should().BeNull();
        worker.StoredCallIds("acct-failing").Should().BeEmpty();
        var healthyStatus = (await accounts.FindAsync("acct-healthy", Ct))!;
        healthyStatus.LastError.Should().BeNull();
        worker.StoredCallIds("acct-healthy").Order().Should().Equal(healthy.EnumerateCalls().Select(c => c.Id).Order());
    }

    [Fact]
    public async Task An_uninstalled_account_has_its_job_removed_by_the_reconcile_job()
    {
        await using var schema = await SamplePostgresSchema.CreateAsync();
        await using var sim = NewSimulator();
        var address = await sim.StartKestrelAsync(Ct);
        var accounts = new InMemoryAircallAccountStore();
        var (kept, _) = await FleetWorker.InstallAsync(sim, accounts, "acct-kept", calls: 100);
        var (leaving, _) = await FleetWorker.InstallAsync(sim, accounts, "acct-leaving", calls: 100);
        await using var worker = await FleetWorker.StartAsync(schema, address, accounts);
        await worker.WaitUntilAsync(
            async () => worker.HasAllCalls("acct-kept", kept) && worker.HasAllCalls("acct-leaving", leaving)
                && (await accounts.FindAsync("acct-kept", Ct))!.LastSyncAt is not null && (await accounts.FindAsync("acct-leaving", Ct))!.LastSyncAt is not null,
            Timeout, () => Progress(worker, sim));
        (await worker.HasJobAsync("acct-leaving")).Should().BeTrue("caught up, due again in ten minutes");
        var slicesBefore = worker.Slices.StartedOf("acct-leaving");

        // Uninstalled behind the fleet's back (another process, a support tool): nobody told AircallFleet.
        var account = (await accounts.FindAsync("acct-leaving", Ct))!;
        account.Status = AircallAccountStatus.Uninstalled;
        account.AccessToken = null;
        await accounts.SaveAsync(account, Ct);
        await worker.WaitUntilAsync(async () => !await worker.HasJobAsync("acct-leaving"), Timeout, () => Progress(worker, sim));

        worker.Slices.StartedOf("acct-leaving").Should().Be(slicesBefore, "the reconcile job removed it; its own trigger was ten minutes away");
        (await worker.HasJobAsync("acct-kept")).Should().BeTrue();
        worker.Log.Events(1002).Should().Contain(e => Equals(e["Removed"], 1), "a reconciliation removed one job");
        var again = await worker.Fleet.ReconcileAsync(Ct);
        again.ActiveAccounts.Should().Be(1);
        again.Removed.Should().Be(0);
        again.Added.Should().Be(0, "an uninstalled account gets no job back");
        worker.StoredCallIds("acct-leaving").Should().HaveCount(100, "its stored calls stay");
    }

    [Fact]
    public async Task A_job_whose_account_store_fails_before_the_slice_backs_off_and_syncs_once_the_store_recovers()
    {
        await using var schema = await SamplePostgresSchema.CreateAsync();
        await using var sim = NewSimulator();
        var address = await sim.StartKestrelAsync(Ct);
        var accounts = new FlakyAccountStore(new InMemoryAircallAccountStore());
        var (other, _) = await FleetWorker.InstallAsync(sim, accounts, "acct-other", calls: 100);
        var (stuck, _) = await FleetWorker.InstallAsync(sim, accounts, "acct-stuck", calls: 200);
        accounts.FailReads("acct-stuck", 3);

        // The third back-off (2 s) is longer than a reconcile interval: the reconcile job must not take it for a lost
        // rescheduling. The interval (10 min) is far longer than the test: the account must not wait for it.
        await using var worker = await FleetWorker.StartAsync(schema, address, accounts, o =>
        {
            o.InitialBackoff = TimeSpan.FromMilliseconds(500);
            o.MaxBackoff = TimeSpan.FromSeconds(4);
        });
        await worker.WaitUntilAsync(
            async () => worker.HasAllCalls("acct-stuck", stuck) && (await accounts.FindAsync("acct-stuck", Ct))!.LastSyncAt is not null
                && worker.HasAllCalls("acct-other", other),
            Timeout, () => Progress(worker, sim));
        await worker.StopAsync();

        using var scope = new FluentAssertions.Execution.AssertionScope();
        scope.AddReportable("reads", () => string.Join(", ", accounts.Reads.Select(r => $"{r.At:HH:mm:ss.fff}{(r.Failed ? " failed" : "")}")));
        var reads = accounts.Reads;
        reads.Take(4).Select(r => r.Failed).Should().Equal(true, true, true, false);
        var failures = worker.Log.Events(1006, "acct-stuck");
        failures.Select(e => (Convert.ToInt32(e["Failures"], CultureInfo.InvariantCulture), Convert.ToDouble(e["BackoffSeconds"], CultureInfo.InvariantCulture)))
            .Should().Equal((1, 0.5), (2, 1.0), (3, 2.0));
        failures.Should().OnlyContain(e => e.Exception is Npgsql.NpgsqlException);
        for (var k = 1; k < 4; k++)
        {
            var backoff = FleetKeys.Backoff(k, worker.Options.InitialBackoff, worker.Options.MaxBackoff);
            // Triggers due within FleetKeys.FireAhead of each other are fired together, so up to that much early.
            reads[k].At.Should().BeOnOrAfter(reads[k - 1].At + backoff - FleetKeys.FireAhead - Early, $"attempt {k + 1} waits out back-off {k} ({backoff.TotalSeconds} s)");
        }

        worker.Slices.Of("acct-stuck").Should().NotBeEmpty().And.OnlyContain(s => s.Outcome == AircallFleetSliceOutcome.CaughtUp || s.Outcome == AircallFleetSliceOutcome.MoreToSync);
        var status = (await accounts.FindAsync("acct-stuck", Ct))!;
        status.LastError.Should().BeNull("the slice that caught up cleared it");
        status.NextSyncAt.Should().BeCloseTo(status.LastSyncAt!.Value + worker.Options.Interval, TimeSpan.FromSeconds(1), "caught up: one interval away, the back-off forgotten");
        worker.StoredCallIds("acct-stuck").Order().Should().Equal(stuck.EnumerateCalls().Select(c => c.Id).Order());
    }

    [Fact]
    public async Task Reconcile_repairs_a_trigger_due_far_later_than_the_accounts_recorded_next_run_and_the_account_syncs()
    {
        await using var schema = await SamplePostgresSchema.CreateAsync();
        await using var sim = NewSimulator();
        var address = await sim.StartKestrelAsync(Ct);
        var accounts = new InMemoryAircallAccountStore();
        var (first, _) = await FleetWorker.InstallAsync(sim, accounts, "acct-first", calls: 50);

        // Only the start-up reconciliation and the test's own: nothing repairs the trigger behind the test's back.
        await using var worker = await FleetWorker.StartAsync(schema, address, accounts, o => o.ReconcileInterval = TimeSpan.FromMinutes(10));
        await worker.WaitUntilAsync(
            async () => worker.Log.Events(1002).Count > 0 && worker.HasAllCalls("acct-first", first) && (await accounts.FindAsync("acct-first", Ct))!.LastSyncAt is not null,
            Timeout, () => Progress(worker, sim));

        // A slice recorded "next run" 20 minutes ago and its worker died before it moved the trigger, which is an hour
        // away. (A recorded run that has not passed by more than a reconcile interval is never repaired: the listing may
        // predate a slice that just ended.)
        var now = DateTimeOffset.UtcNow;
        var (late, _) = await FleetWorker.InstallAsync(sim, accounts, "acct-late", calls: 150, nextSyncAt: now - TimeSpan.FromMinutes(20));
        var scheduler = await worker.SchedulerAsync();
        await scheduler.ScheduleJob(FleetKeys.AccountJob("acct-late"), FleetKeys.AccountTrigger("acct-late", now + TimeSpan.FromHours(1), worker.Options.Interval, failures: 0, TimeProvider.System), default, Ct);
        (await scheduler.GetTriggerState(FleetKeys.TriggerOf("acct-late"), Ct)).Should().Be(TriggerState.Normal, "waiting");

        var repaired = await worker.Fleet.ReconcileAsync(Ct);

        repaired.Repaired.Should().Be(1);
        repaired.Added.Should().Be(0);
        repaired.ActiveAccounts.Should().Be(2);
        worker.Log.Events(1011, "acct-late").Should().ContainSingle();
        await worker.WaitUntilAsync(
            async () => worker.HasAllCalls("acct-late", late) && (await accounts.FindAsync("acct-late", Ct))!.LastSyncAt is not null,
            Timeout, () => Progress(worker, sim));
        (await scheduler.GetTrigger(FleetKeys.TriggerOf("acct-late"), Ct))!.NextFireTimeUtc.Should().BeAfter(now + TimeSpan.FromMinutes(9), "caught up: one interval away");
        var again = await worker.Fleet.ReconcileAsync(Ct);
        again.Repaired.Should().Be(0, "a trigger that matches its account's recorded next run is left alone");
        again.Added.Should().Be(0);
        worker.StoredCallIds("acct-late").Order().Should().Equal(late.EnumerateCalls().Select(c => c.Id).Order());
    }

    private static AircallSimulator NewSimulator() => new(new AircallSimulatorOptions
    {
        CallCount = 0,
        RateLimit = FleetWorker.PermitLimit,
        RateLimitWindow = FleetWorker.Window,
        Seed = 16,
    });

    private static string Progress(FleetWorker worker, AircallSimulator sim) => string.Create(CultureInfo.InvariantCulture,
        $"calls stored: {worker.Calls.Count}; slices: {worker.Slices.All.Count}; simulator requests: {sim.Requests.Count} ({string.Join(", ", sim.Requests.GroupBy(r => r.StatusCode).Select(g => $"{g.Key}: {g.Count()}"))})");
}
