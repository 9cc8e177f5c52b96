using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Aircall.CallSync.Benchmarks.Infrastructure;

namespace Aircall.CallSync.Benchmarks.Load;

/// <summary>
/// The load generator, in its own process (started by <see cref="WebhookLoadCommand"/>):
/// <c>webhook-client URL TOKEN rate|max RATE_OR_CONCURRENCY SECONDS ID_BASE</c>.
/// <c>rate</c> is an open loop: request i is sent at start + i ÷ rate whether or not earlier ones were answered (the way
/// Aircall delivers), so a slow server cannot slow the generator down and hide its own latency. <c>max</c> is a closed
/// loop of CONCURRENCY workers sending back to back: the most the endpoint serves. Each run is preceded by one second of
/// the same load that is not recorded (connections, JIT). Prints a <see cref="LoadResult"/>.
/// </summary>
internal static class WebhookLoadClient
{
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length != 6)
        {
            Console.Error.WriteLine("usage: webhook-client URL TOKEN rate|max RATE_OR_CONCURRENCY SECONDS ID_BASE");
            return 2;
        }

        var url = new Uri(args[0]);
        var bodies = new WebhookBodies(args[1]);
        var mode = args[2];
        var amount = double.Parse(args[3], CultureInfo.InvariantCulture);
        var seconds = double.Parse(args[4], CultureInfo.InvariantCulture);
        var idBase = long.Parse(args[5], CultureInfo.InvariantCulture);
        using var handler = new SocketsHttpHandler
        {
            UseProxy = false,
            MaxConnectionsPerServer = 1024,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var load = new Load(http, url, bodies, idBase);
        var result = mode switch
        {
            "rate" => await ConstantRateAsync(load, amount, seconds),
            "max" => await MaxThroughputAsync(load, (int)amount, seconds),
            _ => throw new ArgumentException($"Unknown mode {mode}."),
        };
        SelfProcess.WriteResult(result);
        return 0;
    }

    private static async Task<LoadResult> ConstantRateAsync(Load load, double rate, double seconds)
    {
        await OpenLoopAsync(load, rate, 1, record: null); // warm-up
        var count = (int)Math.Round(rate * seconds);
        var recorder = new Recorder(count);
        var elapsed = await OpenLoopAsync(load, rate, seconds, recorder);
        return recorder.Result("rate", elapsed) with { TargetRate = rate };
    }

    private static Task<double> OpenLoopAsync(Load load, double rate, double seconds, Recorder? record)
        => OpenLoop.RunAsync((int)Math.Round(rate * seconds), rate, (i, due) => load.SendAsync(i, due, record)); // LateSends counts those over 2 ms late

    private static async Task<LoadResult> MaxThroughputAsync(Load load, int concurrency, double seconds)
    {
        await ClosedLoopAsync(load, concurrency, 1, record: null); // warm-up
        var recorder = new Recorder((int)(seconds * 50_000));
        var elapsed = await ClosedLoopAsync(load, concurrency, seconds, recorder);
        return recorder.Result("max", elapsed) with { Concurrency = concurrency };
    }

    private static async Task<double> ClosedLoopAsync(Load load, int concurrency, double seconds, Recorder? record)
    {
        var start = Stopwatch.GetTimestamp();
        var end = start + (long)(seconds * Stopwatch.Frequency);
        var next = -1L;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (Stopwatch.GetTimestamp() < end)
            {
                var i = Interlocked.Increment(ref next);
                await load.SendAsync(i, Stopwatch.GetTimestamp(), record);
            }
        })).ToArray();
        await Task.WhenAll(workers);
        return Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    /// <summary>Sends request i; ids continue across warm-up and measurement so every delivery is a new call.</summary>
    private sealed class Load(HttpClient http, Uri url, WebhookBodies bodies, long idBase)
    {
        private long _sequence;

        public async Task SendAsync(long index, long due, Recorder? record)
        {
            var body = bodies.Create(Interlocked.Increment(ref _sequence), idBase, 1_700_000_000);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = Json;
            var sent = Stopwatch.GetTimestamp();
            int status;
            try
            {
                using var response = await http.PostAsync(url, content);
                await response.Content.LoadIntoBufferAsync();
                status = (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                status = 0;
            }
            catch (TaskCanceledException)
            {
                status = -1;
            }

            var done = Stopwatch.GetTimestamp();
            record?.Add(index, status, sent, due, done);
        }
    }

    /// <summary>Latencies by request, kept in preallocated arrays; percentiles by sorting at the end.</summary>
    private sealed class Recorder(int capacity)
    {
        private readonly double[] _latency = new double[capacity];
        private readonly double[] _fromSchedule = new double[capacity];
        private readonly Lock _lock = new();
        private readonly Dictionary<int, int> _failures = [];
        private int _count;
        private long _late;

        public void Add(long index, int status, long sent, long due, long done)
        {
            var slot = Interlocked.Increment(ref _count) - 1;
            if (slot < _latency.Length)
            {
                _latency[slot] = Stopwatch.GetElapsedTime(sent, done).TotalMilliseconds;
                _fromSchedule[slot] = Stopwatch.GetElapsedTime(due, done).TotalMilliseconds;
            }

            if (sent - due > Stopwatch.Frequency / 500)
            {
                Interlocked.Increment(ref _late);
            }

            if (status is < 200 or > 299)
            {
                lock (_lock)
                {
                    _failures[status] = _failures.GetValueOrDefault(status) + 1;
                }
            }
        }

        public LoadResult Result(string mode, double seconds)
        {
            var n = Math.Min(_count, _latency.Length);
            var latency = _latency[..n];
            var fromSchedule = _fromSchedule[..n];
            Array.Sort(latency);
            Array.Sort(fromSchedule);
            var failed = _failures.Values.Sum();
            return new LoadResult
            {
                Mode = mode,
                Seconds = seconds,
                Sent = _count,
                Succeeded = _count - failed,
                Failed = failed,
                FailureStatuses = failed == 0 ? null : string.Join(", ", _failures.Select(f => $"{f.Key}: {f.Value}")),
                RequestsPerSecond = _count / seconds,
                P50 = Percentile(latency, 0.50),
                P90 = Percentile(latency, 0.90),
                P99 = Percentile(latency, 0.99),
                P999 = Percentile(latency, 0.999),
                Max = n == 0 ? 0 : latency[^1],
                P99FromSchedule = Percentile(fromSchedule, 0.99),
                LateSends = Interlocked.Read(ref _late),
            };
        }

        private static double Percentile(double[] sorted, double p)
            => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
