using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Aircall.CallSync.IntegrationTests.Fleet;

/// <summary>One log entry: its category, event id, level, structured values and exception.</summary>
internal sealed record FleetLogEntry(string Category, int EventId, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Values, Exception? Exception)
{
    public object? this[string name] => Values.TryGetValue(name, out var value) ? value : null;

    public override string ToString() => $"  [{Level}] {Category} {EventId}: {Message}{(Exception is null ? "" : " — " + Exception.GetType().Name + ": " + Exception.Message)}";
}

/// <summary>Keeps every log entry the worker writes (the fleet's from Debug, everything else from Warning).</summary>
internal sealed class FleetLogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<FleetLogEntry> _entries = new();

    public IReadOnlyList<FleetLogEntry> Entries => [.. _entries];

    /// <summary>The fleet's entries with this event id (FleetLog), for one account when given.</summary>
    public IReadOnlyList<FleetLogEntry> Events(int eventId, string? accountId = null) =>
        [.. _entries.Where(e => e.EventId == eventId && (accountId is null || Equals(e["AccountId"], accountId)))];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<FleetLogEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
                : new Dictionary<string, object?>(StringComparer.Ordinal);
            entries.Enqueue(new FleetLogEntry(category, eventId.Id, logLevel, formatter(state, exception), values, exception));
        }
    }
}
