using AgentFramework.Caching;
using AgentFramework.VectorIndex;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentFramework.CacheQuality;

/// <summary>The production cache (HybridCache + in-memory EmbeddedVectorIndex + the real embeddings) at its defaults.</summary>
internal sealed class CacheHarness : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly EmbeddedVectorIndex _index;

    public CacheHarness(EmbeddingStore embeddings, Action<SemanticCacheOptions>? configure = null)
    {
        _services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        _index = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = embeddings.Dimensions });
        var options = new SemanticCacheOptions { UsePairModel = PairModelOptIn };
        configure?.Invoke(options);
        Cache = new SemanticCache(_services.GetRequiredService<HybridCache>(), Options.Create(options), embeddings, _index);
    }

    public SemanticCache Cache { get; }

    /// <summary>
    /// <c>CACHEQUALITY_PAIR_MODEL=1</c> evaluates with <see cref="SemanticCacheOptions.UsePairModel"/> on; unset, every
    /// command measures the library's defaults (the <c>Defaults</c> line).
    /// </summary>
    public static bool PairModelOptIn { get; } = Environment.GetEnvironmentVariable("CACHEQUALITY_PAIR_MODEL") == "1";

    public static ChatOptions Tenant(string tenant) => new() { AdditionalProperties = new() { [SemanticCacheProperties.TenantScope] = tenant } };

    public static ChatResponse Answer(string text) => new(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = ChatFinishReason.Stop, ModelId = "gpt-4.1-mini" };

    public void Dispose()
    {
        Cache.Dispose();
        _index.Dispose();
        _services.Dispose();
    }
}
