using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PacificEdge.Grains.Tests.Support;

/// <summary>Records what a silo logs (category, level, message, whether an exception came with it), for tests about how loudly things are logged.</summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<Record> records = new();

    public IReadOnlyList<Record> Records => [.. records];

    public ILogger CreateLogger(string categoryName) => new CategoryLogger(categoryName, records);

    public void Dispose()
    {
    }

    public sealed record Record(string Category, LogLevel Level, string Message, bool HasException);

    private sealed class CategoryLogger(string category, ConcurrentQueue<Record> sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => sink.Enqueue(new Record(category, logLevel, formatter(state, exception), exception is not null));
    }
}
