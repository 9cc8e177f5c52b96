using Aircall.CallSync.Quartz;
using Aircall.CallSync.Sync;
using Microsoft.Extensions.Time.Testing;

namespace Aircall.CallSync.Tests.Fleet;

/// <summary>A slice ends, by its budget token, after the stored page that reaches its request or time budget, never before.</summary>
public sealed class SliceProgressTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(60);

    [Fact]
    public void The_budget_is_cancelled_by_the_page_that_reaches_the_request_budget()
    {
        var time = new FakeTimeProvider();
        using var budget = new CancellationTokenSource();
        var progress = new SliceProgress(budget, maxRequests: 5, Duration, time);

        for (var requests = 1; requests <= 4; requests++)
        {
            progress.Report(Page(requests, calls: requests * 50));
            budget.IsCancellationRequested.Should().BeFalse($"{requests} of 5 requests spent");
        }

        progress.Report(Page(requests: 5, calls: 250));

        budget.IsCancellationRequested.Should().BeTrue("the fifth request's page is stored: the next page is never asked for");
        progress.Requests.Should().Be(5);
        progress.CallsWritten.Should().Be(250);
    }

    [Fact]
    public void A_page_that_took_several_requests_past_the_budget_ends_the_slice_too()
    {
        var time = new FakeTimeProvider();
        using var budget = new CancellationTokenSource();
        var progress = new SliceProgress(budget, maxRequests: 5, Duration, time);

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
        var progress = new SliceProgress(budget, maxRequests: 1_000, Duration, time);

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
        var progress = new SliceProgress(budget, maxRequests: 1_000, Duration, time);

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
