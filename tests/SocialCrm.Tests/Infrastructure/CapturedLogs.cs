using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace SocialCrm.Tests.Infrastructure;

/// <summary>Every log line a host writes, with the structured values of the scopes it was written in.</summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    public sealed record Line(string Category, LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Scope);

    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public ConcurrentQueue<Line> Lines { get; } = new();

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var scope = new Dictionary<string, object?>();
            owner._scopes.ForEachScope((value, values) =>
            {
                if (value is IEnumerable<KeyValuePair<string, object?>> pairs)
                    foreach (var (key, item) in pairs) values[key] = item;
            }, scope);
            owner.Lines.Enqueue(new Line(category, logLevel, formatter(state, exception), scope));
        }
    }
}
