using System.Diagnostics.Metrics;
using AgentFramework.Caching.Invalidation;
using AgentFramework.Caching.Tests.Fakes;
using AgentFramework.Ledger;
using AgentFramework.Testing.Fakes;
using AgentFramework.VectorIndex;
using AgentFramework.VectorSearch;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace AgentFramework.Caching.Tests;

/// <summary>A SemanticCache over a real HybridCache and a real in-memory EmbeddedVectorIndex, with swappable edges.</summary>
internal sealed class CacheTestHost : IDisposable
{
    private readonly ServiceProvider _services;

    public CacheTestHost(
        Action<SemanticCacheOptions>? configure = null,
        IEmbeddingGenerator<string, Embedding<float>>? embedder = null,
        IVectorIndex? index = null,
        ICacheInvalidationBus? bus = null,
        bool semantic = true,
        HybridCache? hybrid = null)
    {
        _services = new ServiceCollection().AddMetrics().AddHybridCache().Services.BuildServiceProvider();
        MeterFactory = _services.GetRequiredService<IMeterFactory>();
        Hybrid = hybrid ?? _services.GetRequiredService<HybridCache>();
        Embedder = embedder ?? new FakeEmbeddingGenerator();
        Index = index ?? new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = 384 });
        // The 500 ms production default could skip the semantic tier on a thread pool starved by a loaded CI machine
        // and turn exact assertions into timing tests; tests that are about the timeout set their own.
        var options = new SemanticCacheOptions { EmbeddingTimeout = TimeSpan.FromSeconds(30) };
        configure?.Invoke(options);
        Logs = new FakeLogCollector();
        var logger = new FakeLogger<SemanticCache>(Logs);
        Cache = new SemanticCache(Hybrid, Options.Create(options), semantic ? Embedder : null, semantic ? Index : null, invalidationBus: bus, ledger: Ledger, meterFactory: MeterFactory, logger: logger);
        Model = new FakeChatClient("gpt-4.1-mini");
        Client = new SemanticCachingChatClient(Model, Cache);
    }

    public HybridCache Hybrid { get; }

    /// <summary>A meter factory private to this host, so parallel tests do not see each other's measurements.</summary>
    public IMeterFactory MeterFactory { get; }

    public IEmbeddingGenerator<string, Embedding<float>> Embedder { get; }

    public IVectorIndex Index { get; }

    public FakeCostLedger Ledger { get; } = new();

    public FakeLogCollector Logs { get; }

    public SemanticCache Cache { get; }

    public FakeChatClient Model { get; }

    public SemanticCachingChatClient Client { get; }

    public static List<ChatMessage> Ask(string prompt) => [new(ChatRole.User, prompt)];

    public static ChatOptions Tenant(string tenant) => new() { AdditionalProperties = new() { [SemanticCacheProperties.TenantScope] = tenant } };

    public static string? Outcome(ChatResponse response) =>
        response.AdditionalProperties?.TryGetValue(SemanticCacheProperties.Outcome, out var o) == true ? o as string : null;

    public IReadOnlyList<CacheLookupRecord> LedgerRecords => [.. Ledger.Lookups];

    public void Dispose()
    {
        Cache.Dispose();
        (Index as IDisposable)?.Dispose();
        _services.Dispose();
    }
}
