using System.Diagnostics.Metrics;
using Aircall.CallSync.Diagnostics;

namespace Aircall.CallSync.Tests.TestSupport;

/// <summary>
/// Records, for one of the SDK's counters, the value of one tag of each measurement made in the creating test's async
/// flow (tests run in parallel and share the meter, so other tests' measurements are left out).
/// </summary>
internal sealed class MetricTags : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly List<string> _values = [];
    private readonly AsyncLocal<bool> _mine = new() { Value = true };

    public MetricTags(string instrument, string tag)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (published.Meter.Name == AircallDiagnostics.MeterName && published.Name == instrument)
            {
                listener.EnableMeasurementEvents(published);
            }
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            if (!_mine.Value)
            {
                return;
            }

            foreach (var pair in tags)
            {
                if (pair.Key == tag && pair.Value is string text)
                {
                    lock (_values)
                    {
                        for (var i = 0; i < value; i++)
                        {
                            _values.Add(text);
                        }
                    }
                }
            }
        });
        _listener.Start();
    }

    /// <summary>The tag's value of each unit counted, in order.</summary>
    public IReadOnlyList<string> Values
    {
        get
        {
            lock (_values)
            {
                return [.. _values];
            }
        }
    }

    /// <summary>How many units were counted with the tag equal to <paramref name="value"/>.</summary>
    public int Count(string value) => Values.Count(v => v == value);

    public void Dispose() => _listener.Dispose();
}
