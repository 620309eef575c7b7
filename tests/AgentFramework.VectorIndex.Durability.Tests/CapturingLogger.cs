using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AgentFramework.VectorIndex.Durability.Tests;

/// <summary>Collects what the index logs (level, event name, message) so tests can check what it said.</summary>
internal sealed class CapturingLogger : ILogger<EmbeddedVectorIndex>
{
    public ConcurrentQueue<(LogLevel Level, string? EventName, string Message)> Entries { get; } = new();

    public IEnumerable<string> AtLeast(LogLevel level) => Entries.Where(e => e.Level >= level).Select(e => e.Message);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, eventId.Name, formatter(state, exception)));
}
