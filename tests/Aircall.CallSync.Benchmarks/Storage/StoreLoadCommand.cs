using System.Diagnostics;
using System.Globalization;
using System.Text;
using Aircall.CallSync.Benchmarks.Infrastructure;
using Aircall.CallSync.Storage;

namespace Aircall.CallSync.Benchmarks.Storage;

/// <summary>
/// <c>store-load [--quick] [--pages 200] [--seconds 10] [--rate 1000] [--concurrency 16] [--stores ef-postgres,naive-postgres,ef-sqlite,naive-sqlite]</c>:
/// the EF Core call store next to a naive EF Core store (read, then write, each call in a transaction), each on a new
/// database: batch pages of 50 new calls one after the other (calls per second, latency per page); webhook-shaped single
/// writes (created, answered, ended of each call, in that order, the three in flight together) back to back with N in
/// flight (the most the store sustains) and at a constant rate, open loop (latency counted from when each write was
/// due). Every measurement follows a warm-up that is not recorded. Prints a Markdown report.
/// </summary>
internal static class StoreLoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var pages = 200;
        var seconds = 10.0;
        var rate = 1000.0;
        var concurrency = 16;
        string[] stores = ["ef-postgres", "naive-postgres", "ef-sqlite", "naive-sqlite"];
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--quick": pages = 20; seconds = 2; break;
                case "--pages": pages = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--seconds": seconds = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--rate": rate = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--concurrency": concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--stores": stores = args[++i].Split(','); break;
                default:
                    Console.Error.WriteLine($"Unknown option {args[i]}. Usage: store-load [--quick] [--pages 200] [--seconds 10] [--rate 1000] [--concurrency 16] [--stores ef-postgres,naive-postgres,ef-sqlite,naive-sqlite]");
                    return 2;
            }
        }

        Console.WriteLine(MachineInfo.Describe());
        Console.WriteLine(Invariant($"Load average at start: {LoadAverage()}"));
        var writes = new CallWrites();
        var rows = new List<Row>();
        foreach (var name in stores)
        {
            var naive = name.StartsWith("naive-", StringComparison.Ordinal);
            await using var database = await BenchDatabase.CreateAsync(name.EndsWith("postgres", StringComparison.Ordinal) ? "postgres" : "sqlite");
            var store = database.Store(naive);
            var label = (naive ? "naive (read, then write, in a transaction)" : "EF Core store (conditional upsert)") + ", " + database.Name;
            var ids = new IdSource();

            await PagesAsync(store, writes, ids, Math.Max(2, pages / 10), null);
            var page = new Recorder(pages);
            var elapsed = await PagesAsync(store, writes, ids, pages, page);
            rows.Add(page.Row(label, "pages of 50 new calls, one at a time", elapsed, perOperation: 50));
            Console.WriteLine(rows[^1].Line());

            await ClosedLoopAsync(store, writes, ids, concurrency, 1, null);
            var closed = new Recorder((int)(seconds * 100_000));
            elapsed = await ClosedLoopAsync(store, writes, ids, concurrency, seconds, closed);
            rows.Add(closed.Row(label, Invariant($"single writes, {concurrency} in flight"), elapsed, perOperation: 1));
            Console.WriteLine(rows[^1].Line());

            await OpenLoopAsync(store, writes, ids, rate, 1, null);
            var open = new Recorder((int)Math.Round(rate * seconds));
            elapsed = await OpenLoopAsync(store, writes, ids, rate, seconds, open);
            rows.Add(open.Row(label, Invariant($"single writes at {rate:F0}/s"), elapsed, perOperation: 1));
            Console.WriteLine(rows[^1].Line());

            var stored = await database.CountAsync();
            Console.WriteLine(Invariant($"  {stored:N0} calls stored in {database.Name}"));
        }

        Console.WriteLine();
        Console.WriteLine(Invariant($"Load average at end: {LoadAverage()}"));
        Console.WriteLine("| store | workload | calls | failed | seconds | calls/s | p50 | p90 | p99 | max |");
        Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var row in rows)
        {
            Console.WriteLine(row.Line());
        }

        return 0;
    }

    private static async Task<double> PagesAsync(ICallStore store, CallWrites writes, IdSource ids, int pages, Recorder? record)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < pages; i++)
        {
            var page = writes.Page(ids.Next(50), 50, DateTimeOffset.FromUnixTimeSeconds(1_760_000_000));
            await Measure(() => store.UpsertManyAsync(page, CancellationToken.None), Stopwatch.GetTimestamp(), record);
        }

        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static async Task<double> ClosedLoopAsync(ICallStore store, CallWrites writes, IdSource ids, int concurrency, double seconds, Recorder? record)
    {
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(seconds * Stopwatch.Frequency);
        var lifecycle = new Lifecycle(ids);
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var (callId, step) = lifecycle.Next();
                var write = writes.Webhook(callId, step);
                await Measure(() => store.UpsertAsync(write, CancellationToken.None), Stopwatch.GetTimestamp(), record);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static Task<double> OpenLoopAsync(ICallStore store, CallWrites writes, IdSource ids, double rate, double seconds, Recorder? record)
    {
        var lifecycle = new Lifecycle(ids);
        return OpenLoop.RunAsync((int)Math.Round(rate * seconds), rate, (_, due) =>
        {
            var (callId, step) = lifecycle.Next();
            return Task.Run(() => Measure(() => store.UpsertAsync(writes.Webhook(callId, step), CancellationToken.None), due, record));
        });
    }

    private static async Task Measure<T>(Func<ValueTask<T>> work, long from, Recorder? record)
    {
        var failed = false;
        try
        {
            await work();
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            failed = true;
            record?.Failure(exception);
        }

        record?.Add(Stopwatch.GetElapsedTime(from).TotalMilliseconds, failed);
    }

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>New call ids, never reused within a run, so pages insert and lifecycles start from nothing.</summary>
    private sealed class IdSource
    {
        private long _next = 1_000_000;

        public long Next(int count) => Interlocked.Add(ref _next, count) - count;
    }

    /// <summary>Created, answered, ended of one call, then the next call: three writes of a call in flight together.</summary>
    private sealed class Lifecycle(IdSource ids)
    {
        private readonly Lock _lock = new();
        private long _callId;
        private int _step = 3;

        public (long CallId, int Step) Next()
        {
            lock (_lock)
            {
                if (_step == 3)
                {
                    _callId = ids.Next(1);
                    _step = 0;
                }

                return (_callId, _step++);
            }
        }
    }

    private sealed class Recorder(int capacity)
    {
        private readonly double[] _latency = new double[capacity];
        private readonly Lock _lock = new();
        private readonly Dictionary<string, int> _failures = [];
        private int _count;
        private int _failed;

        public void Add(double milliseconds, bool failed)
        {
            var slot = Interlocked.Increment(ref _count) - 1;
            if (slot < _latency.Length)
            {
                _latency[slot] = milliseconds;
            }

            if (failed)
            {
                Interlocked.Increment(ref _failed);
            }
        }

        public void Failure(Exception exception)
        {
            var kind = (exception.InnerException ?? exception).GetType().Name;
            lock (_lock)
            {
                _failures[kind] = _failures.GetValueOrDefault(kind) + 1;
            }
        }

        public Row Row(string store, string workload, double seconds, int perOperation)
        {
            var n = Math.Min(_count, _latency.Length);
            var sorted = _latency[..n];
            Array.Sort(sorted);
            var failures = _failures.Count == 0 ? "" : " (" + string.Join(", ", _failures.Select(f => $"{f.Key}: {f.Value}")) + ")";
            return new Row(store, workload, (long)_count * perOperation, _failed + failures, seconds,
                (_count - _failed) * perOperation / seconds, P(sorted, 0.5), P(sorted, 0.9), P(sorted, 0.99), n == 0 ? 0 : sorted[^1]);
        }

        private static double P(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    private sealed record Row(string Store, string Workload, long Calls, string Failed, double Seconds, double CallsPerSecond, double P50, double P90, double P99, double Max)
    {
        public string Line() => Invariant(
            $"| {Store} | {Workload} | {Calls:N0} | {Failed} | {Seconds:F1} | {CallsPerSecond:N0} | {P50:F2} ms | {P90:F2} ms | {P99:F2} ms | {Max:F2} ms |");
    }
}
