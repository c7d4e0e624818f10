using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OzgLive.Web;

namespace OzgLive.Tests.Accounts;

/// <summary>
/// The real app built for a chosen environment and configuration and prepared as at start-up
/// (migrations, first organiser), without serving: for what start-up alone decides. Keeps what it logged.
/// </summary>
internal sealed class PreparedHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private PreparedHost(WebApplication app, LogSink logs)
    {
        this.app = app;
        Logs = logs;
    }

    public LogSink Logs { get; }

    public T Get<T>()
        where T : notnull => app.Services.GetRequiredService<T>();

    /// <param name="folder">Where the database lives; the caller creates and removes it.</param>
    public static async Task<PreparedHost> PrepareAsync(string folder, string environment, IDictionary<string, string?> settings)
    {
        var logs = new LogSink();
        var configuration = new Dictionary<string, string?>
        {
            ["ConnectionStrings:OzgLive"] = $"Data Source={Path.Combine(folder, "ozglive.db")}",
            ["Demo:Seed"] = "false",
            ["Clock:RunInBackground"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            configuration[key] = value;
        }

        var app = OzgLiveApp.Build(
            ["--urls", "http://127.0.0.1:0", "--environment", environment],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(configuration);
                builder.Logging.AddProvider(logs);
            });
        await app.PrepareAsync();
        return new PreparedHost(app, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}

/// <summary>Every log entry at Information and above, in memory.</summary>
internal sealed class LogSink : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Entries => [.. entries];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                sink.entries.Enqueue((logLevel, category, formatter(state, exception)));
            }
        }
    }
}
