using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Steward.Functional.Infrastructure;

/// <summary>One line the server logged.</summary>
public sealed record LoggedEntry(string Category, LogLevel Level, string Message, Exception? Exception);

/// <summary>A logger provider that keeps what the server logs, so that tests can assert what it did not log.</summary>
public sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<LoggedEntry> entries = new();

    public IReadOnlyList<LoggedEntry> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.entries.Enqueue(new LoggedEntry(category, logLevel, formatter(state, exception), exception));
    }
}
