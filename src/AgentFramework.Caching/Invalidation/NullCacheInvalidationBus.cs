namespace AgentFramework.Caching.Invalidation;

/// <summary>
/// The default bus for a single process: publishing does nothing and no message ever arrives, because
/// local invalidation already covers the only instance.
/// </summary>
public sealed class NullCacheInvalidationBus : ICacheInvalidationBus
{
    /// <summary>The shared instance.</summary>
    public static NullCacheInvalidationBus Instance { get; } = new();

    /// <inheritdoc />
    public ValueTask PublishAsync(CacheInvalidation message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public IDisposable Subscribe(Func<CacheInvalidation, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return NoopSubscription.Instance;
    }

    private sealed class NoopSubscription : IDisposable
    {
        public static readonly NoopSubscription Instance = new();

        public void Dispose()
        {
        }
    }
}
