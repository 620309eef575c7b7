using AgentFramework.VectorSearch;
using BenchmarkDotNet.Attributes;

namespace AgentFramework.VectorIndex.Benchmarks;

/// <summary>
/// Writing N entries (batches of 100) into a fresh index, and opening a directory of N entries.
/// Each operation is long, so Program runs this class with the Monitoring strategy (no pilot, few iterations).
/// </summary>
public class WriteBenchmarks
{
    private static readonly VectorScope Scope = VectorScope.Of(("tenant", "bench"));
    private VectorEntry[][] _batches = null!;
    private string _directory = null!;
    private string _openDirectory = null!;

    [ParamsSource(typeof(Sizes), nameof(Sizes.Write))]
    public int N { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var data = Data.Clustered(N, seed: 1);
        _batches = [.. Enumerable.Range(0, (N + 99) / 100).Select(b => Enumerable.Range(b * 100, Math.Min(100, N - (b * 100)))
            .Select(i => new VectorEntry($"v{i}", data.AsMemory(i * Data.Dimensions, Data.Dimensions), Scope, $"payload {i}")).ToArray())];
        _openDirectory = Path.Combine(Path.GetTempPath(), "af-vi-open-" + Guid.NewGuid().ToString("N"));
        using (var index = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Directory = _openDirectory, Durability = VectorIndexDurability.Fast, AnnThreshold = int.MaxValue, Capacity = N }))
        {
            Write(index);
            index.CompactAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    [IterationSetup]
    public void IterationSetup() => _directory = Path.Combine(Path.GetTempPath(), "af-vi-write-" + Guid.NewGuid().ToString("N"));

    [IterationCleanup]
    public void IterationCleanup()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_openDirectory, recursive: true);

    [Benchmark(Baseline = true)]
    public long InsertInMemoryExact() => Run(new EmbeddedVectorIndexOptions { AnnThreshold = int.MaxValue, Capacity = N });

    [Benchmark]
    public long InsertInMemoryHnsw() => Run(new EmbeddedVectorIndexOptions { AnnThreshold = 1, Capacity = N });

    [Benchmark]
    public long InsertPersistentFast() => Run(new EmbeddedVectorIndexOptions { Directory = _directory, Durability = VectorIndexDurability.Fast, AnnThreshold = int.MaxValue, Capacity = N });

    [Benchmark]
    public long InsertPersistentDurable() => Run(new EmbeddedVectorIndexOptions { Directory = _directory, Durability = VectorIndexDurability.Durable, AnnThreshold = int.MaxValue, Capacity = N });

    /// <summary>Open = load snapshot (exact-scan scope, no graph to build) and close.</summary>
    [Benchmark]
    public long Open()
    {
        using var index = new EmbeddedVectorIndex(new EmbeddedVectorIndexOptions { Directory = _openDirectory, Durability = VectorIndexDurability.Fast, AnnThreshold = int.MaxValue, Capacity = N });
        return index.CountAsync().AsTask().Result;
    }

    private long Run(EmbeddedVectorIndexOptions options)
    {
        using var index = new EmbeddedVectorIndex(options);
        Write(index);
        return index.CountAsync().AsTask().Result;
    }

    private void Write(EmbeddedVectorIndex index)
    {
        foreach (var batch in _batches)
        {
            index.UpsertBatchAsync(batch).AsTask().GetAwaiter().GetResult();
        }
    }
}
