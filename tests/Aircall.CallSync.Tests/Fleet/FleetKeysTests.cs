using Aircall.CallSync.Quartz;
using CsCheck;

namespace Aircall.CallSync.Tests.Fleet;

/// <summary>The back-off after failed slices, and when the reconcile job calls an account's trigger late.</summary>
public sealed class FleetKeysTests
{
    private static readonly TimeSpan Initial = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Max = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Tolerance = TimeSpan.FromMinutes(1);

    [Fact]
    public void The_first_failure_waits_the_initial_back_off_and_each_further_one_doubles_it()
    {
        Enumerable.Range(1, 7).Select(failures => FleetKeys.Backoff(failures, Initial, Max)).Should().Equal(
            TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(2), TimeSpan.FromMinutes(4),
            TimeSpan.FromMinutes(8), TimeSpan.FromMinutes(16), TimeSpan.FromMinutes(32));
    }

    [Fact]
    public void The_back_off_is_capped_at_the_maximum()
    {
        FleetKeys.Backoff(8, Initial, Max).Should().Be(Max, "30 s × 2^7 = 64 min is over the hour");
        FleetKeys.Backoff(9, Initial, Max).Should().Be(Max);
        FleetKeys.Backoff(1, Initial, Initial).Should().Be(Initial, "a maximum equal to the initial back-off keeps it flat");
        FleetKeys.Backoff(2, Initial, Initial).Should().Be(Initial);
    }

    [Theory]
    [InlineData(31)]
    [InlineData(64)]
    [InlineData(1_000_000)]
    [InlineData(int.MaxValue)]
    public void Huge_failure_counts_do_not_overflow(int failures)
    {
        FleetKeys.Backoff(failures, Initial, Max).Should().Be(Max);
        FleetKeys.Backoff(failures, TimeSpan.FromDays(3650), TimeSpan.MaxValue).Should().Be(TimeSpan.MaxValue, "2^30 × ten years is past TimeSpan's range: the cap, not a wrapped negative");
        FleetKeys.Backoff(failures, TimeSpan.FromTicks(1), TimeSpan.MaxValue).Should().Be(TimeSpan.FromTicks(1L << 30), "the doubling stops after 30 steps");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue + 1)]
    public void A_count_below_one_backs_off_like_the_first_failure(int failures)
    {
        FleetKeys.Backoff(failures, Initial, Max).Should().Be(Initial);
    }

    [Fact]
    public void The_back_off_never_shrinks_and_stays_between_the_initial_and_the_maximum()
    {
        Gen.Select(Gen.Int[1, int.MaxValue - 1], Gen.Long[1, TimeSpan.TicksPerDay], Gen.Long[0, TimeSpan.TicksPerDay * 30])
            .Sample((failures, initialTicks, extraTicks) =>
            {
                var initial = TimeSpan.FromTicks(initialTicks);
                var max = initial + TimeSpan.FromTicks(extraTicks);
                var backoff = FleetKeys.Backoff(failures, initial, max);
                var next = FleetKeys.Backoff(failures + 1, initial, max);
                return backoff >= initial && backoff <= max && next >= backoff;
            });
    }

    [Fact]
    public void A_trigger_far_ahead_is_late_when_no_next_run_was_recorded()
    {
        FleetKeys.IsLate(Now + TimeSpan.FromHours(1), recordedNextRun: null, Now, Tolerance).Should().BeTrue("a first slice lost with its worker");
    }

    [Fact]
    public void A_trigger_far_ahead_is_late_once_the_recorded_run_passed_by_more_than_the_tolerance()
    {
        FleetKeys.IsLate(Now + TimeSpan.FromMinutes(10), Now - TimeSpan.FromHours(2), Now, Tolerance).Should().BeTrue();
        FleetKeys.IsLate(Now + TimeSpan.FromMinutes(10), Now - Tolerance - TimeSpan.FromTicks(1), Now, Tolerance).Should().BeTrue("just past the tolerance");
        FleetKeys.IsLate(Now + TimeSpan.FromMinutes(10), Now - Tolerance, Now, Tolerance).Should().BeFalse("the tolerance itself is not late");
    }

    [Fact]
    public void A_recorded_run_still_ahead_or_just_passed_is_never_taken_for_a_lost_rescheduling()
    {
        // The listing may be older than a slice that just ended: it recorded a run in the future, and its rescheduling
        // (to that run or to its caught-up interval) follows or has just happened.
        FleetKeys.IsLate(Now + TimeSpan.FromHours(1), Now + TimeSpan.FromSeconds(1), Now, Tolerance).Should().BeFalse();
        FleetKeys.IsLate(Now + TimeSpan.FromHours(1), Now - TimeSpan.FromSeconds(10), Now, Tolerance).Should().BeFalse("passed, but within the tolerance");
    }

    [Fact]
    public void A_trigger_that_fires_within_the_tolerance_is_not_late()
    {
        FleetKeys.IsLate(Now + TimeSpan.FromSeconds(20), null, Now, Tolerance).Should().BeFalse();
        FleetKeys.IsLate(Now + Tolerance, null, Now, Tolerance).Should().BeFalse("the tolerance itself");
        FleetKeys.IsLate(Now + Tolerance + TimeSpan.FromTicks(1), null, Now, Tolerance).Should().BeTrue("just past it");
    }

    [Fact]
    public void A_trigger_waiting_out_its_back_off_is_not_late_though_no_next_run_was_recorded()
    {
        // A slice that failed before it reached the account store (the store or the lock's database was down) moved the
        // trigger by its back-off and recorded nothing: the account's recorded next run is an old one.
        var backoff = TimeSpan.FromMinutes(8);

        FleetKeys.IsLate(Now + backoff, Now - TimeSpan.FromMinutes(20), Now, Tolerance, backoff).Should().BeFalse("the back-off is honoured");
        FleetKeys.IsLate(Now + backoff + Tolerance, null, Now, Tolerance, backoff).Should().BeFalse();
        FleetKeys.IsLate(Now + backoff + Tolerance + TimeSpan.FromTicks(1), null, Now, Tolerance, backoff).Should().BeTrue("further than its back-off could put it: lost");
    }

    [Fact]
    public void A_trigger_carries_its_failures_and_a_fresh_one_none()
    {
        var time = TimeProvider.System;

        FleetKeys.FailuresOf(FleetKeys.AccountTrigger("acct-1", Now, TimeSpan.FromMinutes(5), failures: 3, time)).Should().Be(3);
        FleetKeys.FailuresOf(FleetKeys.AccountTrigger("acct-1", Now, TimeSpan.FromMinutes(5), failures: 0, time)).Should().Be(0);
        FleetKeys.FailuresOf(global::Quartz.TriggerBuilder.Create(time).WithIdentity(FleetKeys.TriggerOf("acct-1")).ForJob(FleetKeys.JobOf("acct-1")).StartAt(Now).Build())
            .Should().Be(0, "a trigger made elsewhere, without the key");
    }

    [Fact]
    public void A_trigger_earlier_than_the_recorded_run_or_without_a_fire_time_is_never_late()
    {
        var recorded = Now + TimeSpan.FromHours(1);

        FleetKeys.IsLate(Now + TimeSpan.FromSeconds(1), recorded, Now, Tolerance).Should().BeFalse("early, e.g. a busy account retried soon");
        FleetKeys.IsLate(Now - TimeSpan.FromMinutes(3), null, Now, Tolerance).Should().BeFalse("overdue triggers run as soon as a slot frees");
        FleetKeys.IsLate(null, null, Now, Tolerance).Should().BeFalse("a trigger that will not fire again is the reconcile job's other case");
    }
}
