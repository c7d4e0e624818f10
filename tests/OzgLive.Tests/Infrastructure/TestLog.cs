using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace OzgLive.Tests.Infrastructure;

/// <summary>One line the app logged (at the tests' level, warning and above unless a test lowers it).</summary>
public sealed record LogLine(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)
{
    /// <summary>The line as a log file would hold it, exception and stack trace included.</summary>
    public override string ToString() => $"{Level} {Category}[{EventId.Id}] {Message}{(Exception is null ? "" : Environment.NewLine + Exception)}";
}

/// <summary>Keeps what the app logs in memory, so tests can read the log as an operator would.</summary>
public sealed class TestLog : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> lines = new();

    public IReadOnlyList<LogLine> Lines => [.. lines];

    /// <summary>Everything, as one text: what a test greps for personal data.</summary>
    public string Text => string.Join(Environment.NewLine, lines);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TestLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            log.lines.Enqueue(new LogLine(category, logLevel, eventId, formatter(state, exception), exception));
    }
}
