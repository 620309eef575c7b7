namespace AgentFramework.Caching.Invalidation;

/// <summary>
/// Carries <see cref="CacheInvalidation"/> messages between cache instances (e.g. over Redis pub/sub),
/// so an invalidation on one machine also clears the local (L1) copies on the others.
/// </summary>
/// <remarks>
/// The cache publishes after each local invalidation and applies every message received from another
/// instance locally (without publishing it again). Implementations must be thread-safe; a failed
/// publish may throw and is logged by the cache, never surfaced to its callers.
/// </remarks>
public interface ICacheInvalidationBus
{
    /// <summary>Broadcasts <paramref name="message"/> to the other instances.</summary>
    /// <param name="message">The invalidation that was just applied locally.</param>
    /// <param name="cancellationToken">Cancels the publish.</param>
    ValueTask PublishAsync(CacheInvalidation message, CancellationToken cancellationToken = default);

    /// <summary>Registers <paramref name="handler"/> for messages from any instance; dispose the result to stop.</summary>
    /// <param name="handler">Called for each received message (the handler filters its own instance id).</param>
    IDisposable Subscribe(Func<CacheInvalidation, CancellationToken, ValueTask> handler);
}
