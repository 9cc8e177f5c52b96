using System.Diagnostics;

namespace Aircall.CallSync.Benchmarks.Infrastructure;

/// <summary>
/// An open-loop schedule: operation i starts at start + i ÷ rate whether or not earlier ones finished (the way Aircall
/// delivers), so a slow server cannot slow the generator down and hide its own latency.
/// </summary>
internal static class OpenLoop
{
    /// <summary>Starts <paramref name="count"/> operations at <paramref name="rate"/> per second; returns the seconds until the last one finished.</summary>
    /// <param name="count">How many operations.</param>
    /// <param name="rate">Operations per second.</param>
    /// <param name="start">Starts operation i, due at the given <see cref="Stopwatch"/> timestamp.</param>
    public static async Task<double> RunAsync(int count, double rate, Func<int, long, Task> start)
    {
        var tasks = new Task[count];
        var begin = Stopwatch.GetTimestamp();

        // The schedule runs on a thread of its own that sleeps (rather than spins: the generator shares the machine with
        // the server) until the next operation is due; Thread.Sleep(1) wakes about a millisecond later, so an operation
        // starts up to about 1 ms after it was due.
        var scheduler = new Thread(() =>
        {
            for (var i = 0; i < count; i++)
            {
                var due = begin + (long)(i * Stopwatch.Frequency / rate);
                while (Stopwatch.GetTimestamp() < due)
                {
                    Thread.Sleep(1);
                }

                tasks[i] = start(i, due);
            }
        })
        { IsBackground = true, Name = "open-loop schedule" };
        scheduler.Start();
        await Task.Run(scheduler.Join);
        await Task.WhenAll(tasks);
        return Stopwatch.GetElapsedTime(begin).TotalSeconds;
    }
}
