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
        var options = new SemanticCacheOptions { UsePairModel = UsePairModel, UseInt8PairModel = UseInt8PairModel };
        configure?.Invoke(options);
        Cache = new SemanticCache(_services.GetRequiredService<HybridCache>(), Options.Create(options), embeddings, _index);
    }

    public SemanticCache Cache { get; }

    /// <summary>
    /// Unset, every command measures the library's defaults (the <c>Defaults</c> line, pair model on);
    /// <c>CACHEQUALITY_PAIR_MODEL=0</c> turns <see cref="SemanticCacheOptions.UsePairModel"/> off (the lexical decision alone), <c>=1</c> on,
    /// <c>=float</c> on with the float model alone (<see cref="SemanticCacheOptions.UseInt8PairModel"/> off), <c>=int8</c> on with it on.
    /// </summary>
    public static bool UsePairModel { get; } = Environment.GetEnvironmentVariable("CACHEQUALITY_PAIR_MODEL") switch
    {
        "0" => false,
        "1" or "int8" or "float" => true,
        _ => new SemanticCacheOptions().UsePairModel,
    };

    /// <summary>Whether the pair model runs int8 first with float confirmation near the bar (<c>CACHEQUALITY_PAIR_MODEL=int8</c> / <c>=float</c>).</summary>
    public static bool UseInt8PairModel { get; } = Environment.GetEnvironmentVariable("CACHEQUALITY_PAIR_MODEL") switch
    {
        "int8" => true,
        "float" => false,
        _ => new SemanticCacheOptions().UseInt8PairModel,
    };

    public static ChatOptions Tenant(string tenant) => new() { AdditionalProperties = new() { [SemanticCacheProperties.TenantScope] = tenant } };

    public static ChatResponse Answer(string text) => new(new ChatMessage(ChatRole.Assistant, text)) { FinishReason = ChatFinishReason.Stop, ModelId = "gpt-4.1-mini" };

    public void Dispose()
    {
        Cache.Dispose();
        _index.Dispose();
        _services.Dispose();
    }
}
