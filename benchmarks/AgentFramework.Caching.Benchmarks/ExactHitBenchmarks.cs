using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentFramework.Caching.Benchmarks;

/// <summary>The exact tier's hit path through the chat-client middleware (plan + key hash + HybridCache L1 + deserialize + provenance), against the bare HybridCache read.</summary>
[MemoryDiagnoser]
public class ExactHitBenchmarks
{
    private ServiceProvider? _services;
    private SemanticCache? _cache;
    private IChatClient? _client;
    private HybridCache? _hybrid;
    private readonly List<ChatMessage> _messages =
    [
        new(ChatRole.System, "You are a helpful support assistant for an online shop."),
        new(ChatRole.User, "What is your refund policy for items bought on sale?"),
    ];

    [GlobalSetup]
    public async Task SetupAsync()
    {
        _services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        _hybrid = _services.GetRequiredService<HybridCache>();
        _cache = new SemanticCache(_hybrid, Options.Create(new SemanticCacheOptions { EnableSemanticTier = false }));
        _client = new ChatClientBuilder(new ConstantChatClient()).UseSemanticCache(_cache).Build();
        await _client.GetResponseAsync(_messages);
        await _hybrid.SetAsync("bare-key", "bare value");
    }

    [Benchmark(Baseline = true, Description = "bare HybridCache L1 read")]
    public async Task<string> BareHybridCacheRead() =>
        await _hybrid!.GetOrCreateAsync("bare-key", static _ => ValueTask.FromResult("missing"));

    [Benchmark(Description = "exact-tier hit via SemanticCachingChatClient")]
    public async Task<ChatResponse> ExactHit() => await _client!.GetResponseAsync(_messages);

    [GlobalCleanup]
    public void Cleanup()
    {
        _cache?.Dispose();
        _services?.Dispose();
    }

    private sealed class ConstantChatClient : IChatClient
    {
        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, "Sale items can be refunded within 14 days.")) { FinishReason = ChatFinishReason.Stop, ModelId = "gpt-4.1-mini", Usage = new UsageDetails { InputTokenCount = 40, OutputTokenCount = 12 } });

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
