using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using AgentFramework.VectorSearch;

namespace AgentFramework.VectorIndex.Benchmarks;

/// <summary>
/// One-shot figures BenchmarkDotNet cannot give: recall@10 against brute force, build rate of a whole
/// index, resident bytes per stored vector, open time. Printed as a table.
/// </summary>
/// <remarks>
/// Modes: <c>heap</c> (float rows on the heap, float graph — the default options), <c>int8</c>
/// (<see cref="EmbeddedVectorIndexOptions.QuantizeInt8"/>), <c>mmap</c>
/// (<see cref="EmbeddedVectorIndexOptions.MemoryMappedVectors"/>). With <c>persist</c> the index is
/// written to a temporary directory (fast durability, one snapshot at the end), closed, and reopened;
/// the open is timed and the queries run against the reopened index.
/// </remarks>
internal static class Probe
{
    // Fully optimized from the start: an unoptimized (tier-0) frame of this long method kept a stale reference
    // to a disposed index alive, so its memory never showed as released.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Run(int count, int efSearch, int m = 16, string mode = "heap", bool persist = false, int queries = 500)
    {
        var dims = Data.Dimensions;
        var data = Data.Clustered(count, seed: 1);
        var q = Data.Queries(queries, count);
        var scope = VectorScope.Of(("tenant", "bench"));
        // VECTOR_BENCH_PROBE_DIR keeps the directory; if it already holds a snapshot the build is skipped and
        // only the reopen and the queries run (for trying search settings at 1M without a rebuild each time).
        var keptDirectory = Environment.GetEnvironmentVariable("VECTOR_BENCH_PROBE_DIR");
        var directory = persist ? keptDirectory ?? Path.Combine(Path.GetTempPath(), "vector-probe-" + Guid.NewGuid().ToString("N")) : null;
        var reuse = directory is not null && Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*.snap").Any();
        var rescore = int.Parse(Environment.GetEnvironmentVariable("VECTOR_BENCH_RESCORE") ?? "40", CultureInfo.InvariantCulture);
        var buildThreads = int.Parse(Environment.GetEnvironmentVariable("VECTOR_BENCH_BUILD_THREADS") ?? Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

        Collect();
        var before = Resident.Read();
        var managedBefore = GC.GetTotalMemory(true);

        EmbeddedVectorIndexOptions Options() => new()
        {
            Dimensions = dims,
            AnnThreshold = 1,
            AnnExpansionSearch = efSearch,
            AnnConnectivity = m,
            Capacity = Math.Max(count, 1),
            QuantizeInt8 = mode == "int8",
            MemoryMappedVectors = mode == "mmap",
            Directory = directory,
            Durability = VectorIndexDurability.Fast,
            CompactionLogBytes = long.MaxValue,
            RescoreCandidates = rescore,
            AnnBuildThreads = buildThreads,
        };

        var index = reuse ? null : new EmbeddedVectorIndex(Options());
        var sw = Stopwatch.StartNew();
        const int batch = 1000;
        for (var start = 0; start < (reuse ? 0 : count); start += batch)
        {
            var entries = new List<VectorEntry>(batch);
            for (var i = start; i < Math.Min(count, start + batch); i++)
            {
                entries.Add(new VectorEntry($"v{i}", data.AsMemory(i * dims, dims), scope));
            }

            index!.UpsertBatchAsync(entries).AsTask().GetAwaiter().GetResult();
            if (start % 100_000 == 0 && start > 0)
            {
                Console.WriteLine($"// {start:N0} inserted, {start / sw.Elapsed.TotalSeconds:N0}/s");
            }
        }

        var buildSeconds = sw.Elapsed.TotalSeconds;
        var openLine = "";
        if (persist)
        {
            sw.Restart();
            index?.CompactAsync().AsTask().GetAwaiter().GetResult();
            var snapshotSeconds = sw.Elapsed.TotalSeconds;
            index?.Dispose();
            index = null;
            Collect();
            sw.Restart();
            index = new EmbeddedVectorIndex(Options());
            var openSeconds = sw.Elapsed.TotalSeconds;
            var files = string.Join(", ", Directory.EnumerateFiles(directory!).Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length / 1e6:N0} MB"));
            openLine = $"{(reuse ? "reused directory" : $"snapshot+graph write {snapshotSeconds:F1} s")}; open {openSeconds:F2} s ({count / openSeconds:N0} entries/s); graph loaded: {index.Recovery!.GraphsLoaded}, rebuilt: {index.Recovery.GraphsRebuilt}; files: {files}";
            Console.WriteLine("// " + openLine);
        }

        Collect();
        var afterBuild = Resident.Read();
        var managedAfter = GC.GetTotalMemory(true);

        // Ground truth first: a brute-force pass between timed queries would flush the caches before each one.
        var truths = GroundTruth.Top10(data, count, q, queries);
        // Warm-up on other queries from the same distribution, so tiered JIT compilation has settled and the
        // caches hold what a running service's would; then each timed query runs once and was never seen before
        // (repeating the timed queries would let them find their own paths in cache).
        var warmCount = Data.WarmupQueries;
        var warm = Data.Queries(warmCount, count, seed: 3);
        for (var j = 0; j < warmCount; j++)
        {
            _ = index!.SearchAsync(warm.AsMemory(j * dims, dims), scope, 10).AsTask().GetAwaiter().GetResult();
        }

        double recall = 0;
        var latencies = new List<double>();
        for (var j = 0; j < queries; j++)
        {
            var query = q.AsMemory(j * dims, dims);
            var t = Stopwatch.GetTimestamp();
            var found = index!.SearchAsync(query, scope, 10).AsTask().GetAwaiter().GetResult();
            latencies.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
            recall += found.Count(m => truths[j].Contains(int.Parse(m.Id.AsSpan(1), CultureInfo.InvariantCulture))) / 10.0;
        }

        Collect(); // the searches' garbage (result lists) is not the index's memory
        var afterQueries = Resident.Read();
        latencies.Sort();
        // What the index holds at the end, measured the other way round: resident now minus resident once it is
        // disposed and collected (a baseline taken before the build can drift with runtime memory released later).
        index!.Dispose();
        index = null;
        Collect();
        var afterDispose = Resident.Read();
        double PerVector(long bytes) => bytes / (double)count;
        string Split(Resident r, Resident baseline) => $"{PerVector(r.Total - baseline.Total):N0} ({PerVector(r.Anon - baseline.Anon):N0} + {PerVector(r.File - baseline.File):N0})";
        Console.WriteLine($"M = {m}, mode = {mode}{(persist ? ", reopened" : "")}, rescore {rescore}, {buildThreads} build thread(s), {warmCount} warm-up queries; RSS = anonymous + file-backed pages mapped in this process (/proc/self/status)");
        Console.WriteLine("| entries | mode | efSearch | build rate | recall@10 | p50 ms | p90 ms | managed B/vector | RSS B/vector (anon + file) after build | held after the queries (freed by dispose) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {count:N0} | {mode}{(persist ? " reopened" : "")} | {efSearch} | {(reuse ? "reused" : $"{count / buildSeconds:N0}/s")} | {recall / queries:F3} | {latencies[latencies.Count / 2]:F3} | {latencies[latencies.Count * 9 / 10]:F3} | {PerVector(managedAfter - managedBefore):N0} | {Split(afterBuild, before)} | {Split(afterQueries, afterDispose)} |");
        if (directory is not null && keptDirectory is null)
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>
    /// A full, compacting collection that also returns free memory to the operating system (what the GC
    /// does by itself under memory pressure), so resident figures show what the index needs rather than
    /// how much free heap the GC kept after the growth copies.
    /// </summary>
    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>Resident bytes split as the kernel reports them (Linux); falls back to the working set elsewhere.</summary>
    private readonly record struct Resident(long Anon, long File)
    {
        public long Total => Anon + File;

        public static Resident Read()
        {
            if (!OperatingSystem.IsLinux())
            {
                return new Resident(Process.GetCurrentProcess().WorkingSet64, 0);
            }

            long anon = 0, file = 0;
            foreach (var line in System.IO.File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("RssAnon:", StringComparison.Ordinal))
                {
                    anon = Kilobytes(line);
                }
                else if (line.StartsWith("RssFile:", StringComparison.Ordinal) || line.StartsWith("RssShmem:", StringComparison.Ordinal))
                {
                    file += Kilobytes(line);
                }
            }

            return new Resident(anon, file);
        }

        private static long Kilobytes(string line) => 1024 * long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
