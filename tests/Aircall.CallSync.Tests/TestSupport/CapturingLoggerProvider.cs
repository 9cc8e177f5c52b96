using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Aircall.CallSync.Tests.TestSupport;

/// <summary>Keeps every log entry (message, structured values, exception) written at any level.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _entries = new();
    private readonly ConcurrentQueue<string> _messages = new();

    /// <summary>Each entry as one string: category, message, every structured value and the exception.</summary>
    public IReadOnlyCollection<string> Entries => _entries;

    /// <summary>Each entry's message alone, as a log sink renders it.</summary>
    public IReadOnlyCollection<string> Messages => _messages;

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _entries, _messages);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> entries, ConcurrentQueue<string> messages) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull
            => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? string.Join(" | ", pairs.Select(pair => $"{pair.Key}={pair.Value}"))
                : string.Empty;
            var message = formatter(state, exception);
            messages.Enqueue(message);
            entries.Enqueue($"{category}: {message} [{values}] {exception}");
        }
    }
}
