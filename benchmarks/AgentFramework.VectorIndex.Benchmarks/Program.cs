using System.Globalization;
using AgentFramework.VectorIndex.Benchmarks;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// dotnet run -c Release -- quick            CI: 10k entries, short in-process runs (well under a minute per suite)
// dotnet run -c Release -- full             10k / 100k / 1M scans, 10k / 100k graph (see README for 1M)
// dotnet run -c Release -- probe <n> [ef] [M] [heap|int8|mmap] [persist]  recall@10, build rate, resident bytes per vector, open time
// dotnet run -c Release -- export <n> <dir> [queries]  data, queries and exact top-10 as fvecs/ivecs for peers/hnswlib
// dotnet run -c Release -- probe-usearch <n> [Float32|Int8] [M] [ef]   the same for Cloud.Unum.USearch
// A second argument picks suites: scan, ann, write (comma-separated; default all).
var mode = args.Length > 0 ? args[0] : "quick";
if (mode == "probe")
{
    Probe.Run(
        int.Parse(args[1], CultureInfo.InvariantCulture),
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 64,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 16,
        args.Length > 4 ? args[4] : "heap",
        args.Length > 5 && args[5] == "persist");
    return;
}

if (mode == "export")
{
    GroundTruth.Export(
        int.Parse(args[1], CultureInfo.InvariantCulture),
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 500,
        args.Length > 2 ? args[2] : Path.Combine(Path.GetTempPath(), "vector-bench-export"));
    return;
}

if (mode == "probe-usearch")
{
    UsearchProbe.Run(
        int.Parse(args[1], CultureInfo.InvariantCulture),
        args.Length > 2 ? Enum.Parse<Cloud.Unum.USearch.ScalarKind>(args[2]) : Cloud.Unum.USearch.ScalarKind.Float32,
        args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 16,
        args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 64);
    return;
}

var quick = mode != "full";
Environment.SetEnvironmentVariable("VECTOR_BENCH_SIZES", Environment.GetEnvironmentVariable("VECTOR_BENCH_SIZES") ?? (quick ? "10000" : "10000,100000,1000000"));
Environment.SetEnvironmentVariable("VECTOR_BENCH_ANN_SIZES", Environment.GetEnvironmentVariable("VECTOR_BENCH_ANN_SIZES") ?? (quick ? "10000" : "10000,100000"));
Environment.SetEnvironmentVariable("VECTOR_BENCH_WRITE_SIZES", Environment.GetEnvironmentVariable("VECTOR_BENCH_WRITE_SIZES") ?? (quick ? "2000" : "10000,100000"));

// Median and Min next to Mean: on a shared 2-core box the mean carries other processes' load.
IConfig Config() => DefaultConfig.Instance.WithOptions(ConfigOptions.DisableOptimizationsValidator)
    .AddColumn(StatisticColumn.Median, StatisticColumn.Min);
var microJob = quick
    ? Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(2).WithIterationCount(5).WithLaunchCount(1)
    : Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
var macroJob = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring)
    .WithWarmupCount(quick ? 0 : 1).WithIterationCount(quick ? 1 : 3).WithLaunchCount(1);

// Optional second argument: which suites (scan, ann, write), comma-separated.
var suites = (args.Length > 1 ? args[1] : "scan,ann,write").Split(',');
var runs = new List<BenchmarkRunInfo>();
if (suites.Contains("scan"))
{
    runs.Add(BenchmarkConverter.TypeToBenchmarks(typeof(ScanBenchmarks), Config().AddJob(microJob)));
}

if (suites.Contains("ann"))
{
    runs.Add(BenchmarkConverter.TypeToBenchmarks(typeof(AnnBenchmarks), Config().AddJob(microJob)));
}

if (suites.Contains("write"))
{
    runs.Add(BenchmarkConverter.TypeToBenchmarks(typeof(WriteBenchmarks), Config().AddJob(macroJob)));
}

BenchmarkRunner.Run([.. runs]);
