using System.Numerics.Tensors;

namespace AgentFramework.VectorIndex.Benchmarks;

/// <summary>Exact top-10 ids of every query by brute force, computed once before any timing.</summary>
internal static class GroundTruth
{
    public const int K = 10;

    /// <summary>
    /// Row by row over <paramref name="data"/>, scoring the row against every query while it is in cache:
    /// one pass over the data instead of one per query.
    /// </summary>
    public static int[][] Top10(float[] data, int count, float[] queries, int queryCount)
    {
        var dims = Data.Dimensions;
        var heaps = new PriorityQueue<int, float>[queryCount];
        for (var j = 0; j < queryCount; j++)
        {
            heaps[j] = new PriorityQueue<int, float>(K + 1);
        }

        for (var i = 0; i < count; i++)
        {
            var row = data.AsSpan(i * dims, dims);
            for (var j = 0; j < queryCount; j++)
            {
                var s = TensorPrimitives.Dot(queries.AsSpan(j * dims, dims), row);
                var heap = heaps[j];
                if (heap.Count < K)
                {
                    heap.Enqueue(i, s);
                }
                else if (heap.TryPeek(out _, out var worst) && s > worst)
                {
                    heap.DequeueEnqueue(i, s);
                }
            }
        }

        return [.. heaps.Select(h => h.UnorderedItems.Select(x => x.Element).ToArray())];
    }

    /// <summary>
    /// Writes the data, the warm-up queries, the timed queries and their exact top-10 in the fvecs/ivecs layout (per row an int32 length,
    /// then the values) that the hnswlib peer in <c>peers/hnswlib</c> reads.
    /// </summary>
    public static void Export(int count, int queryCount, string directory)
    {
        Directory.CreateDirectory(directory);
        var data = Data.Clustered(count, seed: 1);
        var queries = Data.Queries(queryCount, count);
        WriteVecs(Path.Combine(directory, "base.fvecs"), data, count, Data.Dimensions);
        WriteVecs(Path.Combine(directory, "query.fvecs"), queries, queryCount, Data.Dimensions);
        var warmCount = Data.WarmupQueries;
        WriteVecs(Path.Combine(directory, "warm.fvecs"), Data.Queries(warmCount, count, seed: 3), warmCount, Data.Dimensions);
        var truth = Top10(data, count, queries, queryCount);
        WriteVecs(Path.Combine(directory, "truth.ivecs"), truth.SelectMany(t => t).ToArray(), queryCount, K);
        Console.WriteLine($"// wrote {count:N0} vectors, {queryCount} queries and their exact top-{K} to {directory}");
    }

    private static void WriteVecs<T>(string path, T[] values, int rows, int dims)
        where T : unmanaged
    {
        using var file = new BinaryWriter(File.Create(path));
        for (var r = 0; r < rows; r++)
        {
            file.Write(dims);
            file.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan(r * dims, dims)));
        }
    }
}
