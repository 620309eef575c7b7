using System.Diagnostics;
using System.Numerics.Tensors;
using AgentFramework.VectorIndex.Storage;
using AgentFramework.VectorSearch;

namespace AgentFramework.VectorIndex.Benchmarks;

/// <summary>
/// One-shot figures BenchmarkDotNet cannot give: recall@10 against brute force, build rate of a whole
/// index, resident bytes per stored vector, open time. Printed as a table and appended to results/probe-*.md.
/// </summary>
internal static class Probe
{
    public static void Run(int count, int efSearch, int m = 16, int queries = 200)
    {
        var dims = Data.Dimensions;
        var data = Data.Clustered(count, seed: 1);
        var q = Data.Clustered(queries, seed: 2);
        var scope = VectorScope.Of(("tenant", "bench"));

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var rssBefore = Process.GetCurrentProcess().WorkingSet64;
        var managedBefore = GC.GetTotalMemory(true);

        var options = new EmbeddedVectorIndexOptions { Dimensions = dims, AnnThreshold = 1, AnnExpansionSearch = efSearch, AnnConnectivity = m, Capacity = Math.Max(count, 1) };
        var index = new EmbeddedVectorIndex(options);
        var sw = Stopwatch.StartNew();
        const int batch = 1000;
        for (var start = 0; start < count; start += batch)
        {
            var entries = new List<VectorEntry>(batch);
            for (var i = start; i < Math.Min(count, start + batch); i++)
            {
                entries.Add(new VectorEntry($"v{i}", data.AsMemory(i * dims, dims), scope));
            }

            index.UpsertBatchAsync(entries).AsTask().GetAwaiter().GetResult();
        }

        var buildSeconds = sw.Elapsed.TotalSeconds;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var rssAfter = Process.GetCurrentProcess().WorkingSet64;
        var managedAfter = GC.GetTotalMemory(true);

        double recall = 0;
        var latencies = new List<double>();
        for (var r = 0; r < 2; r++)
        {
            for (var j = 0; j < queries; j++)
            {
                var query = q.AsMemory(j * dims, dims);
                var t = Stopwatch.GetTimestamp();
                var found = index.SearchAsync(query, scope, 10).AsTask().GetAwaiter().GetResult();
                var elapsed = Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                if (r == 1)
                {
                    latencies.Add(elapsed);
                    var truth = BruteForceTop10(data, count, q.AsSpan(j * dims, dims));
                    recall += found.Count(m => truth.Contains(int.Parse(m.Id.AsSpan(1), System.Globalization.CultureInfo.InvariantCulture))) / 10.0;
                }
            }
        }

        latencies.Sort();
        GC.KeepAlive(index);
        var line = $"| {count:N0} | {efSearch} | {count / buildSeconds:N0}/s | {recall / queries:F3} | {latencies[latencies.Count / 2]:F3} | {latencies[latencies.Count * 9 / 10]:F3} | {(rssAfter - rssBefore) / (double)count:N0} | {(managedAfter - managedBefore) / (double)count:N0} |";
        Console.WriteLine($"M = {m}");
        Console.WriteLine("| entries | efSearch | build rate | recall@10 | p50 ms (stopwatch) | p90 ms | RSS B/vector | managed B/vector |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Console.WriteLine(line);
        index.Dispose();
    }

    private static HashSet<int> BruteForceTop10(float[] data, int count, ReadOnlySpan<float> query)
    {
        var top = new PriorityQueue<int, float>();
        for (var i = 0; i < count; i++)
        {
            var s = TensorPrimitives.Dot(query, data.AsSpan(i * Data.Dimensions, Data.Dimensions));
            if (top.Count < 10)
            {
                top.Enqueue(i, s);
            }
            else if (top.TryPeek(out _, out var worst) && s > worst)
            {
                top.DequeueEnqueue(i, s);
            }
        }

        return [.. top.UnorderedItems.Select(x => x.Element)];
    }
}
