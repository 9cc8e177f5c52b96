using Aircall.CallSync.IntegrationTests.Infrastructure;

namespace Aircall.CallSync.IntegrationTests.Paging;

/// <summary>Checkpoints, repeatability, moving data and the dense-second limit, against the simulator.</summary>
public sealed class EnumerationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Continuing_from_any_page_checkpoint_returns_exactly_the_rest()
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 10_600);
        var all = harness.AllIds();

        var (firstPart, tokens) = await harness.RunAsync(async () =>
        {
            var ids = new List<long>();
            var checkpoints = new List<(int Count, string Token)>();
            await foreach (var page in harness.Client.GetCallsAsync().AsPages(null, Ct))
            {
                ids.AddRange(page.Calls.Select(c => c.Id));
                checkpoints.Add((ids.Count, page.ContinuationToken));
            }

            return (ids, checkpoints);
        });
        firstPart.Should().Equal(all);

        // Resume after a page in the first window, after the last page of the first window (the re-anchor is next),
        // and after a page of the second window.
        foreach (var index in new[] { 3, 199, 205 })
        {
            var (count, token) = tokens[index];
            var rest = await harness.RunAsync(async () =>
            {
                var ids = new List<long>();
                await foreach (var page in harness.Client.GetCallsAsync().AsPages(token, Ct))
                {
                    ids.AddRange(page.Calls.Select(c => c.Id));
                }

                return ids;
            });

            rest.Should().Equal(all.Skip(count), $"continuing after page {index + 1}");
        }
    }

    [Fact]
    public async Task Enumerating_twice_gives_the_same_calls()
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 730);
        var pageable = harness.Client.GetCallsAsync(new CallQuery { FetchContact = true });

        var first = await harness.RunAsync(() => SyncHarness.CollectIdsAsync(pageable));
        var second = await harness.RunAsync(() => SyncHarness.CollectIdsAsync(pageable));

        first.Should().HaveCount(730).And.Equal(second);
        harness.Simulator.Requests.Should().OnlyContain(r => r.Query.Contains("fetch_contact=true", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Calls_arriving_during_an_enumeration_do_not_keep_it_going_and_the_next_run_gets_them()
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 400);
        var original = harness.AllIds();
        var added = new List<long>();

        var seen = await harness.RunAsync(async () =>
        {
            var ids = new List<long>();
            await foreach (var call in harness.Client.GetCallsAsync().WithCancellation(Ct))
            {
                ids.Add(call.Id);
                if (ids.Count % 100 == 0)
                {
                    harness.Clock.Advance(TimeSpan.FromSeconds(5));
                    added.AddRange(harness.Simulator.DefaultAccount.AddCalls(7)); // created now: after the fixed upper bound
                }
            }

            return ids;
        });

        seen.Should().Equal(original, "the upper bound was fixed when the enumeration started");
        added.Should().HaveCount(28);
        var later = await harness.RunAsync(() => SyncHarness.CollectIdsAsync(harness.Client.GetCallsAsync(new CallQuery { From = SyncHarness.Start })));
        later.Should().Equal(added);
    }

    [Fact]
    public async Task More_than_10000_calls_in_one_second_end_with_a_clear_error_after_every_earlier_call()
    {
        await using var harness = SyncHarness.Create(sim =>
        {
            sim.CallCount = 10_700;
            sim.CallsInBusiestSecond = 10_050;
        });
        var all = harness.Simulator.DefaultAccount.EnumerateCalls().ToList();
        var busiest = all.GroupBy(c => c.StartedAt).OrderByDescending(g => g.Count()).First().Key!.Value;
        var ids = new List<long>();

        var act = () => harness.RunAsync(async () =>
        {
            await foreach (var call in harness.Client.GetCallsAsync().WithCancellation(Ct))
            {
                ids.Add(call.Id);
            }
        }, limit: TimeSpan.FromHours(2));

        var error = (await act.Should().ThrowAsync<CallWindowOverflowException>()).Which;
        error.Second.Should().Be(busiest);
        error.Message.Should().Contain("10,000").And.Contain("search filters");
        ids.Should().OnlyHaveUniqueItems();
        ids.Should().Contain(all.Where(c => c.StartedAt < busiest).Select(c => c.Id), "nothing before the dense second was skipped");
    }

    [Fact]
    public async Task A_checkpoint_of_another_query_or_a_damaged_one_is_refused_with_a_clear_message()
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 120);
        var token = await harness.RunAsync(async () =>
        {
            await foreach (var page in harness.Client.GetCallsAsync().AsPages(null, Ct))
            {
                return page.ContinuationToken;
            }

            throw new InvalidOperationException("no page");
        });

        var otherQuery = async () =>
        {
            await foreach (var _ in harness.Client.GetCallsAsync(new CallQuery { Direction = Models.CallDirection.Inbound }).AsPages(token, Ct))
            {
            }
        };
        var damaged = async () =>
        {
            await foreach (var _ in harness.Client.GetCallsAsync().AsPages(token[..(token.Length / 2)] + "!", Ct))
            {
            }
        };

        (await otherQuery.Should().ThrowAsync<ArgumentException>()).WithMessage("*another query*");
        (await damaged.Should().ThrowAsync<ArgumentException>()).WithMessage("*not one this SDK produced*");
    }

    [Fact]
    public async Task Search_filters_page_through_calls_search()
    {
        await using var harness = SyncHarness.Create(sim => sim.CallCount = 600);
        var expected = harness.Simulator.DefaultAccount.EnumerateCalls().Where(c => c.Direction == Models.CallDirection.Inbound).Select(c => c.Id).ToList();

        var ids = await harness.RunAsync(() => SyncHarness.CollectIdsAsync(harness.Client.GetCallsAsync(new CallQuery { Direction = Models.CallDirection.Inbound })));

        ids.Should().Equal(expected);
        harness.Simulator.Requests.Should().OnlyContain(r => r.Path == "/v1/calls/search" && r.Query.Contains("direction=inbound", StringComparison.Ordinal));
    }
}
