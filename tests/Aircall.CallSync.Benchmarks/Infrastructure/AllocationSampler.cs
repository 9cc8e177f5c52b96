using System.Diagnostics.Tracing;
using System.Globalization;

namespace Aircall.CallSync.Benchmarks.Infrastructure;

/// <summary>
/// Samples the runtime's allocation ticks (one event per ~100 KB allocated, with the type that crossed the threshold) to
/// show which types dominate a measured run. Enabled in a sync child with <c>AIRCALL_BENCH_ALLOCATIONS=1</c>; its report
/// goes to stderr, so the child's result line is unchanged.
/// </summary>
internal sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private bool _recording;

    public static AllocationSampler? StartIfRequested()
        => Environment.GetEnvironmentVariable("AIRCALL_BENCH_ALLOCATIONS") == "1" ? new AllocationSampler() : null;

    public void Record() => _recording = true;

    public void Report(TextWriter writer, int top = 20)
    {
        _recording = false;
        lock (_lock)
        {
            var total = _bytes.Values.Sum();
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Sampled allocations: {total / 1024.0 / 1024.0:F1} MiB"));
            foreach (var (type, bytes) in _bytes.OrderByDescending(p => p.Value).Take(top))
            {
                writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {bytes * 100.0 / total,5:F1}%  {type}"));
            }
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || eventData.Payload is null)
        {
            return;
        }

        var typeIndex = eventData.PayloadNames!.IndexOf("TypeName");
        var amountIndex = eventData.PayloadNames.IndexOf("AllocationAmount64");
        if (typeIndex < 0 || amountIndex < 0)
        {
            return;
        }

        var type = eventData.Payload[typeIndex] as string ?? "?";
        var amount = Convert.ToInt64(eventData.Payload[amountIndex], CultureInfo.InvariantCulture);
        lock (_lock)
        {
            _bytes[type] = _bytes.GetValueOrDefault(type) + amount;
        }
    }
}
