using System.Collections.Concurrent;
using AgentFramework.Caching.Invalidation;

namespace AgentFramework.Caching.Tests.Fakes;

/// <summary>An in-memory bus connecting cache instances of one test (a stand-in for Redis pub/sub).</summary>
internal sealed class RecordingInvalidationBus : ICacheInvalidationBus
{
    private readonly ConcurrentDictionary<int, Func<CacheInvalidation, CancellationToken, ValueTask>> _handlers = new();
    private int _next;

    public ConcurrentQueue<CacheInvalidation> Published { get; } = new();

    public async ValueTask PublishAsync(CacheInvalidation message, CancellationToken cancellationToken = default)
    {
        Published.Enqueue(message);
        foreach (var handler in _handlers.Values)
        {
            await handler(message, cancellationToken);
        }
    }

    public IDisposable Subscribe(Func<CacheInvalidation, CancellationToken, ValueTask> handler)
    {
        var id = Interlocked.Increment(ref _next);
        _handlers[id] = handler;
        return new Unsubscribe(() => _handlers.TryRemove(id, out _));
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
