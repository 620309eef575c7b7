using AgentFramework.Embeddings.Onnx;
using AgentFramework.VectorIndex;
using AgentFramework.VectorSearch;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AgentFramework.Caching.Benchmarks;

/// <summary>
/// A full semantic lookup (exact-tier probe + embed + scoped search + verification of the near-duplicate candidates)
/// against embedding alone, with <see cref="Entries"/> entries stored in the searched scope (vectors clustered around
/// embeddings of real support requests, plus real prompts near the query so the verifiers run).
/// </summary>
[MemoryDiagnoser]
public class LookupBenchmarks
{
    private const string Query = "How can I change the email address on my account?";

    private static readonly string[] Neighbours =
    [
        "How do I update the email address on my account?",
        "How can I change the email address linked to my profile?",
        "How can I change the password on my account?",
        "How can I change the phone number on my account?",
    ];

    private ServiceProvider? _services;
    private OnnxEmbeddingGenerator? _model;
    private EmbeddedVectorIndex? _index;
    private SemanticCache? _cache;
    private List<ChatMessage> _messages = [];
    private ChatOptions _options = new();

    public static IEnumerable<int> EntryCounts => BenchmarkMode.Quick ? [10_000] : [100_000, 1_000_000];

    [ParamsSource(nameof(EntryCounts))]
    public int Entries { get; set; }

    [GlobalSetup(Target = nameof(EmbedOnly))]
    public void SetupModel() => _model = new OnnxEmbeddingGenerator();

    /// <summary>Runs the pair model's float pass alone (<c>UseInt8PairModel = false</c>) instead of the default.</summary>
    public bool FloatPairModelOnly { get; set; }

    [GlobalSetup(Target = nameof(FullLookup))]
    public async Task SetupAsync()
    {
        var setupClock = System.Diagnostics.Stopwatch.StartNew();
        _model = new OnnxEmbeddingGenerator();
        _index = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Dimensions = _model.Dimensions, Capacity = Math.Max(1_000_000, Entries + 100) });
        _services = new ServiceCollection().AddHybridCache().Services.BuildServiceProvider();
        var options = new SemanticCacheOptions();
        options.UseInt8PairModel &= !FloatPairModelOnly;
        _cache = new SemanticCache(_services.GetRequiredService<HybridCache>(), Options.Create(options), _model, _index);
        _options = new ChatOptions { AdditionalProperties = new() { [SemanticCacheProperties.TenantScope] = "bench" } };

        // Real prompts near the query, stored through the cache (so their scope and payload are the production ones).
        foreach (var prompt in Neighbours)
        {
            await _cache.StoreAsync([new ChatMessage(ChatRole.User, prompt)], _options, new ChatResponse(new ChatMessage(ChatRole.Assistant, "stored answer")) { FinishReason = ChatFinishReason.Stop });
        }

        // Fill the same scope with vectors clustered around real embeddings of 2,000 other support requests (none about
        // the email address), so the stored entries sit where a support bot's cache would have them: near the query's
        // topic but not near-duplicates of it. (Random directions would leave the real prompts an island no graph walk
        // from the synthetic entries reaches, which is not what a cache of real prompts looks like.)
        _messages = [new ChatMessage(ChatRole.User, Query)];
        var scope = ScopeOf(_cache, _messages, _options);
        var rng = new Random(1234);
        var dims = _model.Dimensions;
        var texts = SupportPrompts.Sample(2_000);
        var centers = (await _model.GenerateAsync(texts)).Select(e => e.Vector.ToArray()).ToArray();
        var batch = new List<VectorEntry>(10_000);
        for (var i = 0; i < Entries - Neighbours.Length; i++)
        {
            var c = centers[rng.Next(centers.Length)];
            var v = new float[dims];
            for (var d = 0; d < dims; d++)
            {
                v[d] = c[d] + (0.3f * (float)Gaussian(rng) / MathF.Sqrt(dims));
            }

            batch.Add(new VectorEntry("synthetic-" + i, Normalize(v), scope));
            if (batch.Count == batch.Capacity)
            {
                await _index.UpsertBatchAsync(batch);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await _index.UpsertBatchAsync(batch);
        }

        var check = await _cache.LookupAsync(_messages, _options);
        Console.WriteLine($"// setup took {setupClock.Elapsed.TotalSeconds:0}s; {await _index.CountAsync()} entries stored; the query's lookup outcome: {check.Outcome} ({check.Reason ?? "-"}, score {check.Score})");
    }

    [Benchmark(Baseline = true, Description = "embed only")]
    public async Task<ReadOnlyMemory<float>> EmbedOnly() => (await _model!.GenerateAsync([Query]))[0].Vector;

    [Benchmark(Description = "full lookup (exact probe + embed + search + verify)")]
    public async Task<SemanticCacheLookup> FullLookup() => await _cache!.LookupAsync(_messages, _options);

    [GlobalCleanup]
    public void Cleanup()
    {
        _cache?.Dispose();
        _index?.Dispose();
        _model?.Dispose();
        _services?.Dispose();
    }

    private static VectorScope ScopeOf(SemanticCache cache, List<ChatMessage> messages, ChatOptions options) =>
        Scoping.CacheRequestPlanner.Plan(messages, options, null, null, new SemanticCacheOptions()).Scope;

    private static float[] Normalize(float[] v)
    {
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        for (var i = 0; i < v.Length; i++)
        {
            v[i] /= norm;
        }

        return v;
    }

    private static double Gaussian(Random rng) => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
}
