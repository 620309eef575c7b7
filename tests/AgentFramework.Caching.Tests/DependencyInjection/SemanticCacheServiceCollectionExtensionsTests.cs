using AgentFramework.Caching.Invalidation;
using AgentFramework.Caching.Tests.Fakes;
using AgentFramework.Testing.Fakes;
using AgentFramework.Runtime;
using AgentFramework.VectorIndex;
using AgentFramework.VectorSearch;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentFramework.Caching.Tests.DependencyInjection;

public sealed class SemanticCacheServiceCollectionExtensionsTests
{
    [Fact]
    public void AddSemanticCache_RegistersCacheBusAndStepMiddleware()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(new FakeEmbeddingGenerator());
        services.AddSingleton<IVectorIndex>(new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = 384 }));
        services.AddSemanticCache(o => o.Threshold = 0.9).AddSemanticCache();
        using var provider = services.BuildServiceProvider();

        var cache = Assert.IsType<SemanticCache>(provider.GetRequiredService<ISemanticCache>());
        Assert.True(cache.SemanticTierAvailable);
        Assert.IsType<NullCacheInvalidationBus>(provider.GetRequiredService<ICacheInvalidationBus>());
        var middleware = Assert.Single(provider.GetServices<IStepChatClientMiddleware>());
        Assert.Equal(100, middleware.Order);
        Assert.Equal(0.9, provider.GetRequiredService<IOptions<SemanticCacheOptions>>().Value.Threshold);
    }

    [Fact]
    public void InvalidOptions_FailValidation()
    {
        var services = new ServiceCollection().AddSemanticCache(o => o.Threshold = 1.5);
        using var provider = services.BuildServiceProvider();
        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<SemanticCacheOptions>>().Value);
        Assert.Contains("Threshold", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutEmbedderOrIndex_OnlyTheExactTierRuns()
    {
        using var provider = new ServiceCollection().AddSemanticCache().BuildServiceProvider();
        var cache = Assert.IsType<SemanticCache>(provider.GetRequiredService<ISemanticCache>());
        Assert.False(cache.SemanticTierAvailable);
    }

    [Fact]
    public void ARegisteredBus_IsKept()
    {
        var bus = new RecordingInvalidationBus();
        using var provider = new ServiceCollection().AddSingleton<ICacheInvalidationBus>(bus).AddSemanticCache().BuildServiceProvider();
        Assert.Same(bus, provider.GetRequiredService<ICacheInvalidationBus>());
    }
}
