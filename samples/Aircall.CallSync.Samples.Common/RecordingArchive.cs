using System.Globalization;
using Aircall.CallSync.Recordings;
using Microsoft.Extensions.DependencyInjection;

namespace Aircall.CallSync.Samples.Common;

/// <summary>
/// The samples' <c>--archive-recordings &lt;dir&gt;</c>: the SDK's recording archiver writing into a folder, and, at the
/// end of a demo, a wait for the downloads in progress and a line per outcome.
/// </summary>
public static class RecordingArchive
{
    /// <summary>Adds the archiver, writing into <paramref name="directory"/>; in demo mode the simulator's 127.0.0.1 links are allowed.</summary>
    public static AircallCallSyncBuilder AddSampleArchiver(this AircallCallSyncBuilder builder, string directory, bool demo)
        => builder.AddRecordingArchiver(options =>
        {
            options.Directory = directory;
            if (demo)
            {
                options.AllowedHosts.Add("127.0.0.1");
                options.PollInterval = TimeSpan.FromMilliseconds(250);
                options.RetryDelay = TimeSpan.FromSeconds(1);
            }
        });

    /// <summary>Waits (up to <paramref name="limit"/>) until no job is pending, then prints what became of them.</summary>
    public static async Task ReportAsync(IServiceProvider services, string directory, TimeSpan limit, CancellationToken cancellationToken)
    {
        if (services.GetService<IRecordingArchiveStore>() is not InMemoryRecordingArchiveStore jobs)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(limit);
        try
        {
            while (jobs.Snapshot().Any(j => j.Status == RecordingArchiveStatus.Pending))
            {
                await Task.Delay(100, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Report what is done; the rest keeps going while the sample serves.
        }

        var all = jobs.Snapshot();
        var archived = all.Where(j => j.Status == RecordingArchiveStatus.Archived).ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Recordings and voicemails: {archived.Count} archived into {Path.GetFullPath(directory)} ({archived.Sum(j => j.Bytes ?? 0):N0} bytes), "
            + $"{all.Count(j => j.Status == RecordingArchiveStatus.NoAudio)} without audio, {all.Count(j => j.Status == RecordingArchiveStatus.Failed)} failed, "
            + $"{all.Count(j => j.Status == RecordingArchiveStatus.Pending)} still pending."));
        foreach (var job in archived.OrderBy(j => j.Key.CallId).Take(5))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {job.Location} ({job.Bytes:N0} bytes, sha256 {job.Sha256![..12]}...)"));
        }

        foreach (var job in all.Where(j => j.Status == RecordingArchiveStatus.Failed).Take(5))
        {
            Console.WriteLine($"  failed: {job.Key}: {job.Reason}");
        }
    }
}
