using System.Globalization;
using Aircall.CallSync.Samples.Storage;
using Aircall.CallSync.Sync;
using Spectre.Console;

namespace Aircall.CallSync.Samples.Batch;

/// <summary>
/// Shows a running sync: a live progress bar (calls, pages, rate-limit waits, ETA) on a terminal, or a plain line
/// every second when the output is redirected (CI logs, tests), then a summary table.
/// </summary>
internal sealed class SyncDisplay(AircallClient client)
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;
    private readonly RateLimitStatistics _before = client.RateLimit;
    private readonly LatestProgress _progress = new();

    /// <summary>Whether a live progress bar can be drawn.</summary>
    public static bool Interactive => !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>The last progress the sync reported, if any.</summary>
    public CallSyncProgress? Latest => _progress.Latest;

    /// <summary>Runs <paramref name="sync"/> (given the progress sink) while showing its progress.</summary>
    public Task<CallSyncResult> RunAsync(Func<IProgress<CallSyncProgress>, Task<CallSyncResult>> sync)
        => Interactive ? RunWithBarAsync(sync) : RunWithLinesAsync(sync);

    private async Task<CallSyncResult> RunWithBarAsync(Func<IProgress<CallSyncProgress>, Task<CallSyncResult>> sync)
        => await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new ElapsedTimeColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("connecting", maxValue: 1);
                var run = sync(_progress);
                while (!run.IsCompleted)
                {
                    Update(task);
                    await Task.WhenAny(run, Task.Delay(150));
                }

                var result = await run;
                Update(task);
                task.Value = task.MaxValue;
                task.StopTask();
                return result;
            });

    private void Update(ProgressTask task)
    {
        var stats = client.RateLimit.Since(_before);
        if (Latest is not { } progress)
        {
            task.Description = Markup.Escape(string.Create(Culture, $"first page... requests: {stats.Requests}"));
            return;
        }

        var total = Math.Max(progress.EstimatedTotal ?? progress.CallsSynced, progress.CallsSynced);
        task.MaxValue = Math.Max(1, total);
        task.Value = progress.CallsSynced;
        task.Description = Markup.Escape(string.Create(Culture,
            $"{progress.CallsSynced:N0}/{total:N0} calls | {progress.Pages:N0} pages | {stats.Waits:N0} rate-limit waits ({stats.TotalWait.TotalSeconds:0.0} s) | {stats.RateLimitedResponses:N0} x 429"));
    }

    private async Task<CallSyncResult> RunWithLinesAsync(Func<IProgress<CallSyncProgress>, Task<CallSyncResult>> sync)
    {
        var run = sync(_progress);
        CallSyncProgress? printed = null;
        while (!run.IsCompleted)
        {
            await Task.WhenAny(run, Task.Delay(1000));
            if (!run.IsCompleted && Latest is { } progress && !ReferenceEquals(progress, printed))
            {
                Console.WriteLine(Line(progress));
                printed = progress;
            }
        }

        var result = await run;
        if (Latest is { } last && !ReferenceEquals(last, printed))
        {
            Console.WriteLine(Line(last));
        }

        return result;
    }

    private string Line(CallSyncProgress progress)
    {
        var stats = client.RateLimit.Since(_before);
        var total = Math.Max(progress.EstimatedTotal ?? progress.CallsSynced, progress.CallsSynced);
        var rate = progress.Elapsed.TotalSeconds > 0 ? progress.CallsThisRun / progress.Elapsed.TotalSeconds : 0;
        var eta = rate > 0 ? TimeSpan.FromSeconds((total - progress.CallsSynced) / rate) : (TimeSpan?)null;
        return string.Create(Culture,
            $"progress: {progress.CallsSynced:N0} of ~{total:N0} calls, {progress.Pages:N0} pages, {stats.Requests:N0} requests, {stats.Waits:N0} rate-limit waits ({stats.TotalWait.TotalSeconds:0.0} s), {stats.RateLimitedResponses:N0} x 429, ETA {(eta is { } e ? e.ToString(@"hh\:mm\:ss", Culture) : "?")}");
    }

    /// <summary>Prints the summary table of a run (<paramref name="result"/> is <c>null</c> when it was interrupted).</summary>
    public void PrintSummary(CallStoreSummary stored, string database, CallSyncResult? result, int? simulatorRateLimited)
    {
        var stats = client.RateLimit.Since(_before);
        var table = new Table().Title("Summary").AddColumn("").AddColumn(new TableColumn("").RightAligned()).HideHeaders();
        if (!Interactive)
        {
            table.Border(TableBorder.Ascii);
        }

        void Row(string name, string value) => table.AddRow(Markup.Escape(name), Markup.Escape(value));
        Row($"Calls stored in {database}", stored.Calls.ToString("N0", Culture));
        Row("Missed calls", stored.MissedCalls.ToString("N0", Culture));
        Row("Average in-call time", stored.AverageInCallDuration is { } talk ? talk.ToString(@"hh\:mm\:ss", Culture) : "-");
        if (result is not null)
        {
            Row("This run", string.Create(Culture, $"{result.CallsWritten:N0} calls in {result.Pages:N0} pages ({(result.Resumed ? "resumed" : result.From is null ? "full sync" : "incremental")})"));
            Row("Range", string.Create(Culture, $"{(result.From is { } from ? from.ToString("u", Culture) : "oldest")} to {result.To.ToString("u", Culture)}"));
        }
        else if (Latest is { } progress)
        {
            Row("This run (interrupted)", string.Create(Culture, $"{progress.CallsThisRun:N0} calls in {progress.Pages:N0} pages"));
        }

        Row("Requests made", stats.Requests.ToString("N0", Culture));
        Row("Rate-limit waits", string.Create(Culture, $"{stats.Waits:N0} ({stats.TotalWait.TotalSeconds:0.0} s in all)"));
        Row("429s seen", stats.RateLimitedResponses.ToString("N0", Culture)
            + (simulatorRateLimited is { } simulated ? string.Create(Culture, $" (simulator answered {simulated:N0})") : ""));
        if (result is not null)
        {
            Row("Elapsed", string.Create(Culture, $"{result.Elapsed.TotalSeconds:0.0} s"));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>Keeps the latest report; the display polls it.</summary>
    private sealed class LatestProgress : IProgress<CallSyncProgress>
    {
        private CallSyncProgress? _latest;

        public CallSyncProgress? Latest => Volatile.Read(ref _latest);

        public void Report(CallSyncProgress value) => Volatile.Write(ref _latest, value);
    }
}
