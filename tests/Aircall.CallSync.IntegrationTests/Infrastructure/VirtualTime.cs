namespace Aircall.CallSync.IntegrationTests.Infrastructure;

/// <summary>
/// Runs work on a <see cref="ManualClock"/> as a discrete-event simulation: whenever nothing is on its way to the
/// server, time jumps to the next pending timer. A rate-limited sync of minutes of simulated time takes a fraction of a
/// second, and no request ever sees time move under it.
/// </summary>
internal static class VirtualTime
{

    /// <summary>Drives <paramref name="clock"/> until <paramref name="work"/> completes, then returns its result.</summary>
    /// <param name="clock">The clock every component uses.</param>
    /// <param name="work">The work.</param>
    /// <param name="busy">Whether a request is on its way (then time must not move).</param>
    /// <param name="limit">Simulated time after which the test fails (a hang).</param>
    public static async Task<T> RunAsync<T>(ManualClock clock, Task<T> work, Func<bool> busy, TimeSpan? limit = null)
    {
        await DriveAsync(clock, work, busy, limit);
        return await work;
    }

    public static async Task RunAsync(ManualClock clock, Task work, Func<bool> busy, TimeSpan? limit = null)
    {
        await DriveAsync(clock, work, busy, limit);
        await work;
    }

    private static async Task DriveAsync(ManualClock clock, Task work, Func<bool> busy, TimeSpan? limit)
    {
        var start = clock.GetUtcNow();
        var deadline = start + (limit ?? TimeSpan.FromHours(6));
        var realStart = System.Diagnostics.Stopwatch.GetTimestamp();
        var idleRounds = 0;
        while (!work.IsCompleted)
        {
            if (System.Diagnostics.Stopwatch.GetElapsedTime(realStart) > TimeSpan.FromSeconds(90))
            {
                throw new TimeoutException(
                    $"The work is stuck: 90 s of real time went by at simulated {clock.GetUtcNow():O} (busy: {busy()}, next timer: {clock.NextDue()?.ToString("O") ?? "none"}).");
            }

            await Task.WhenAny(work, Task.Delay(1, TestContext.Current.CancellationToken));
            if (work.IsCompleted)
            {
                break;
            }

            // Two quiet looks in a row: nothing on its way, and the work had a chance to run its continuations.
            idleRounds = busy() ? 0 : idleRounds + 1;
            if (idleRounds < 2)
            {
                continue;
            }

            idleRounds = 0;
            clock.AdvanceToNextTimer();
            if (clock.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"The work did not finish within {limit ?? TimeSpan.FromHours(6)} of simulated time.");
            }
        }
    }
}
