using Aircall.CallSync.Quartz;
using Aircall.CallSync.Sync;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.Tests.Fleet;

/// <summary>A slice ends, by its budget token, after the stored page that reaches its request or time budget, never before.</summary>
public sealed class SliceProgressTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan MaxWait = TimeSpan.FromSeconds(2);

    [Fact]
    public void A_page_after_which_the_account_would_wait_longer_than_allowed_for_its_budget_ends_the_slice_and_says_how_long()
    {
        var time = new FakeTimeProvider();
        using var budget = new CancellationTokenSource();
        var client = new WaitingClient();
        var progress = new SliceProgress(budget, maxRequests: 1_000, Duration, MaxWait, time) { Client = client };

        client.Wait = MaxWait;
        progress.Report(Page(requests: 1, calls: 50));
        budget.IsCancellationRequested.Should().BeFalse("a wait of MaxRateLimitWait itself is waited out in the slice");
        progress.YieldFor.Should().BeNull();

        client.Wait = TimeSpan.FromSeconds(55);
        progress.Report(Page(requests: 2, calls: 100));

        budget.IsCancellationRequested.Should().BeTrue("the window's budget is spent: the slot goes to another account");
        progress.YieldFor.Should().Be(TimeSpan.FromSeconds(55), "the account is due again when its budget allows");
    }

    [Fact]
    public void A_slice_ended_by_its_request_budget_comes_back_when_its_account_can_send_again()
    {
        var time = new FakeTimeProvider();
        using var budget = new CancellationTokenSource();
        var progress = new SliceProgress(budget, maxRequests: 1, Duration, MaxWait, time) { Client = new WaitingClient { Wait = TimeSpan.FromMinutes(1) } };

        progress.Report(Page(requests: 1, calls: 50));

        budget.IsCancellationRequested.Should().BeTrue();
        progress.YieldFor.Should().Be(TimeSpan.FromMinutes(1), "its account could not send sooner anyway");
    }

    /// <summary>A client whose limiter says how long its next request would wait.</summary>
    private sealed class WaitingClient : AircallClient
    {
        public TimeSpan Wait { get; set; }

        public override TimeSpan EstimateRateLimitWait() => Wait;
    }

    [Fact]
    public void The_budget_is_cancelled_by_the_page_that_reaches_the_request_budget()
    {
        var time = new FakeTimeProvider();
        using var budget = new CancellationTokenSource();
        var progress = new SliceProgress(budget, maxRequests: 5, Duration, MaxWait, time) { Client = new WaitingClient() };

        for (var requests = 1; requests <= 4; requests++)
        {
            progress.Report(Page(requests, calls: requests * 50));
            budget.IsCancellationRequested.Should().BeFalse($"{requests} of 5 requests spent");
        }

        progress.Report(Page(requests: 5, calls: 250));

        budget.IsCancellationRequested.Should().BeTrue("the fifth request's page is stored: the next page is never asked for");
        progress.YieldFor.Should().BeNull("the account could send at once: it comes back after ContinueDelay");
        progress.Requests.Should().Be(5);
        progress.CallsWritten.Should().Be(250);
    }

    [Fact]
    public void A_page_that_took_several_requests_past_the_budget_ends_the_slice_too()
    {
        var time = new FakeTimeProvider();
        using var budget = new CancellationTokenSource();
        var progress = new SliceProgress(budget, maxRequests: 5, Duration, MaxWait, time);

        progress.Report(Page(requests: 3, calls: 50));
        budget.IsCancellationRequested.Should().BeFalse();
        progress.Report(Page(requests: 7, calls: 100)); // rate-limit retries: the requests jump past the budget

        budget.IsCancellationRequested.Should().BeTrue();
        progress.Requests.Should().Be(7);
    }

    [Fact]
    public void The_budget_is_cancelled_by_the_first_page_stored_once_the_time_budget_is_spent()
    {
        var time = new FakeTimeProvider();
        using var budget = new CancellationTokenSource();
        var progress = new SliceProgress(budget, maxRequests: 1_000, Duration, MaxWait, time);

        time.Advance(Duration - TimeSpan.FromMilliseconds(1));
        progress.Report(Page(requests: 1, calls: 50));
        budget.IsCancellationRequested.Should().BeFalse("a millisecond of the budget is left");

        time.Advance(TimeSpan.FromMilliseconds(1));
        budget.IsCancellationRequested.Should().BeFalse("time alone cancels nothing: the page in flight is stored first");
        progress.Report(Page(requests: 2, calls: 100));

        budget.IsCancellationRequested.Should().BeTrue();
        progress.CallsWritten.Should().Be(100);
    }

    [Fact]
    public void The_time_budget_counts_from_the_start_of_the_slice()
    {
        var time = new FakeTimeProvider();
        time.Advance(TimeSpan.FromHours(3));
        using var budget = new CancellationTokenSource();
        var progress = new SliceProgress(budget, maxRequests: 1_000, Duration, MaxWait, time);

        time.Advance(TimeSpan.FromSeconds(59));
        progress.Report(Page(requests: 1, calls: 50));

        budget.IsCancellationRequested.Should().BeFalse("59 s of this slice, whatever the clock said when the process started");
    }

    private static CallSyncProgress Page(long requests, long calls) => new()
    {
        CallsSynced = calls,
        CallsThisRun = calls,
        Pages = (int)requests,
        Requests = requests,
    };
}
