using Aircall.CallSync.Diagnostics;
using Microsoft.Extensions.Hosting;

namespace Aircall.CallSync.Recordings;

/// <summary>
/// The archiver's worker: claims due jobs while it has free slots (<see cref="RecordingArchiverOptions.MaxConcurrency"/>),
/// works each on its own task, and sleeps until new jobs, a free slot or the poll interval. On shutdown the jobs in
/// progress are handed back to the queue, due at once, for the next start.
/// </summary>
internal sealed class RecordingArchiverService(RecordingArchiver archiver) : BackgroundService
{
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = archiver.Options;
        if (archiver.Queue is InMemoryRecordingArchiveStore)
        {
            Log.VolatileArchiveQueue(archiver.Logger);
        }

        using var slots = new SemaphoreSlim(options.MaxConcurrency, options.MaxConcurrency);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                var free = 1;
                while (free < options.MaxConcurrency && slots.Wait(0, CancellationToken.None))
                {
                    free++;
                }

                IReadOnlyList<RecordingArchiveJob> jobs;
                try
                {
                    var now = archiver.Time.GetUtcNow();
                    jobs = await archiver.Queue.ClaimDueAsync(now, free, now + options.Lease, stoppingToken).ConfigureAwait(false);
                }
                catch (Exception exception) when (exception is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    slots.Release(free);
                    Log.ArchiveQueueFailed(archiver.Logger, exception, options.PollInterval.TotalSeconds);
                    await archiver.WaitForWorkAsync(options.PollInterval, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                if (free > jobs.Count)
                {
                    slots.Release(free - jobs.Count);
                }

                foreach (var job in jobs)
                {
                    Start(job, slots, stoppingToken);
                }

                if (jobs.Count < free)
                {
                    await archiver.WaitForWorkAsync(options.PollInterval, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }

        Task[] running;
        lock (_lock)
        {
            running = [.. _running];
        }

        // Each hands its job back to the queue before it ends.
        await Task.WhenAll(running).ConfigureAwait(false);
    }

    private void Start(RecordingArchiveJob job, SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        var task = Task.Run(async () =>
        {
            try
            {
                await archiver.ProcessAsync(job, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                // Handed back.
            }
#pragma warning disable CA1031 // The queue failed to save an outcome: the lease brings the job back; the worker goes on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                Log.ArchiveQueueFailed(archiver.Logger, exception, archiver.Options.Lease.TotalSeconds);
            }
            finally
            {
                slots.Release();
                archiver.Wake();
            }
        }, CancellationToken.None);
        lock (_lock)
        {
            _running.Add(task);
        }

        _ = task.ContinueWith(
            t =>
            {
                lock (_lock)
                {
                    _running.Remove(t);
                }
            },
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
