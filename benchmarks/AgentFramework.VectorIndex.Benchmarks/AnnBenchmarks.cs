using AgentFramework.VectorSearch;
using BenchmarkDotNet.Attributes;

namespace AgentFramework.VectorIndex.Benchmarks;

/// <summary>
/// One top-10 query through the public API on a scope of N entries: exact scan (baseline) vs the HNSW
/// graph. Recall@10 of the graph against the exact results is printed during setup.
/// </summary>
[MemoryDiagnoser]
public class AnnBenchmarks
{
    private const int Queries = 64;
    private static readonly VectorScope Scope = VectorScope.Of(("tenant", "bench"));
    private EmbeddedVectorIndex _exact = null!;
    private EmbeddedVectorIndex _ann = null!;
    private ReadOnlyMemory<float>[] _queries = null!;
    private int _next;

    [ParamsSource(typeof(Sizes), nameof(Sizes.Ann))]
    public int N { get; set; }

    [Params(96)]
    public int EfSearch { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = Data.Clustered(N, seed: 1);
        var queries = Data.Queries(Queries, N);
        _queries = [.. Enumerable.Range(0, Queries).Select(i => queries.AsMemory(i * Data.Dimensions, Data.Dimensions))];
        _exact = Fill(new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { AnnThreshold = int.MaxValue, Capacity = N }), data);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        _ann = Fill(new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { AnnThreshold = 1, AnnExpansionSearch = EfSearch, Capacity = N }), data);
        var seconds = System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds;

        double recall = 0;
        foreach (var q in _queries)
        {
            var truth = _exact.SearchAsync(q, Scope, 10).AsTask().Result.Select(m => m.Id).ToHashSet();
            recall += _ann.SearchAsync(q, Scope, 10).AsTask().Result.Count(m => truth.Contains(m.Id)) / 10.0;
        }

        Console.WriteLine($"// RESULT ann N={N} efSearch={EfSearch}: recall@10 = {recall / Queries:F3} over {Queries} queries; graph build {N / seconds:N0} inserts/s");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _exact.Dispose();
        _ann.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int ExactTop10() => _exact.SearchAsync(NextQuery(), Scope, 10).AsTask().Result.Count;

    [Benchmark]
    public int HnswTop10() => _ann.SearchAsync(NextQuery(), Scope, 10).AsTask().Result.Count;

    private ReadOnlyMemory<float> NextQuery() => _queries[_next++ % Queries];

    private static EmbeddedVectorIndex Fill(EmbeddedVectorIndex index, float[] data)
    {
        var count = data.Length / Data.Dimensions;
        for (var start = 0; start < count; start += 1000)
        {
            var batch = new List<VectorEntry>(1000);
            for (var i = start; i < Math.Min(count, start + 1000); i++)
            {
                batch.Add(new VectorEntry($"v{i}", data.AsMemory(i * Data.Dimensions, Data.Dimensions), Scope));
            }

            index.UpsertBatchAsync(batch).AsTask().GetAwaiter().GetResult();
        }

        return index;
    }
}
