using Microsoft.Extensions.Caching.Hybrid;

namespace AgentFramework.Caching.Tests.Fakes;

/// <summary>A HybridCache whose store is broken (a stand-in for a misconfigured L2 / serializer): every call throws.</summary>
internal sealed class FailingHybridCache : HybridCache
{
    public override ValueTask<T> GetOrCreateAsync<TState, T>(string key, TState state, Func<TState, CancellationToken, ValueTask<T>> factory, HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("cache store broken");

    public override ValueTask SetAsync<T>(string key, T value, HybridCacheEntryOptions? options = null, IEnumerable<string>? tags = null, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("cache store broken");

    public override ValueTask RemoveAsync(string key, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("cache store broken");

    public override ValueTask RemoveByTagAsync(string tag, CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("cache store broken");
}
