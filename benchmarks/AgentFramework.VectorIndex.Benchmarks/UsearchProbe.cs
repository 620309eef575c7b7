using System.Diagnostics;
using System.Numerics.Tensors;
using Cloud.Unum.USearch;

namespace AgentFramework.VectorIndex.Benchmarks;

/// <summary>
/// The same one-shot figures as <see cref="Probe"/> for Cloud.Unum.USearch 2.26.6 (HNSW, cosine), on the
/// same data: the measurement behind choosing our own graph over it (see README).
/// </summary>
internal static class UsearchProbe
{
    public static void Run(int count, ScalarKind scalar, int m, int efSearch, int queries = 200)
    {
        var dims = Data.Dimensions;
        var data = Data.Clustered(count, seed: 1);
        var q = Data.Queries(queries, count);
        GC.Collect();
        var rssBefore = Process.GetCurrentProcess().WorkingSet64;
        using var index = new USearchIndex(MetricKind.Cos, scalar, (ulong)dims, (ulong)m, 128, (ulong)efSearch);
        var sw = Stopwatch.StartNew();
        var row = new float[dims];
        for (var i = 0; i < count; i++)
        {
            data.AsSpan(i * dims, dims).CopyTo(row);
            index.Add((ulong)i, row); // the binding reserves capacity for one more vector on every add
        }

        var build = sw.Elapsed.TotalSeconds;
        var rssAfter = Process.GetCurrentProcess().WorkingSet64;
        double recall = 0;
        var latencies = new List<double>();
        var query = new float[dims];
        for (var j = 0; j < queries; j++)
        {
            q.AsSpan(j * dims, dims).CopyTo(query);
            var t = Stopwatch.GetTimestamp();
            index.Search(query, 10, out var keys, out _);
            latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            var truth = new PriorityQueue<int, float>();
            for (var i = 0; i < count; i++)
            {
                var s = TensorPrimitives.Dot(query, data.AsSpan(i * dims, dims));
                if (truth.Count < 10)
                {
                    truth.Enqueue(i, s);
                }
                else if (truth.TryPeek(out _, out var worst) && s > worst)
                {
                    truth.DequeueEnqueue(i, s);
                }
            }

            var set = truth.UnorderedItems.Select(x => (ulong)x.Element).ToHashSet();
            recall += keys.Count(set.Contains) / 10.0;
        }

        latencies.Sort();
        Console.WriteLine($"USearch {USearchCapabilities.Version()} {scalar} M={m} (kernels: {index.HardwareAcceleration()})");
        Console.WriteLine("| entries | efSearch | build rate | recall@10 | p50 ms (stopwatch) | p90 ms | RSS B/vector |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {count:N0} | {efSearch} | {count / build:N0}/s | {recall / queries:F3} | {latencies[latencies.Count / 2]:F3} | {latencies[latencies.Count * 9 / 10]:F3} | {(rssAfter - rssBefore) / (double)count:N0} |");
    }
}
