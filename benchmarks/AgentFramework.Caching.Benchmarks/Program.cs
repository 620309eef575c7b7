using AgentFramework.Caching.Benchmarks;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Quick mode (CI): `-- --quick` — 10k/100k stored entries, 3 iterations. Full mode: no flag — 100k/1M entries.
// Benchmarks run in process: BenchmarkDotNet's per-run rebuild of the whole dependency graph would dominate quick mode.
// The long timeout covers filling the index with 1M entries in the global setup.
// Interleaved ratio check: `-- --interleaved 1000000 [calls] [float]` (see InterleavedLookup; `float`: the pair model's float pass alone).
if (args.Length >= 2 && args[0] == "--interleaved")
{
    await InterleavedLookup.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 500, args.Length > 3 && args[3] == "float");
    return;
}

// Pair-model pass against embedding alone: `-- --pair-pass [calls]` (see PairPassLatency).
if (args.Length >= 1 && args[0] == "--pair-pass")
{
    PairPassLatency.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300);
    return;
}

// Pair-model batch path against one pass per pair: `-- --pair-batch [pairs] [rounds]` (see PairBatchThroughput).
if (args.Length >= 1 && args[0] == "--pair-batch")
{
    PairBatchThroughput.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 256, args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
    return;
}

// Which pair-model MatMuls can go int8 (decision agreement with fp32 and speed): `-- --pair-int8 [rounds]` (see PairInt8Variants).
if (args.Length >= 1 && args[0] == "--pair-int8")
{
    PairInt8Variants.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3, args.Length > 2 ? args[2] : null);
    return;
}

// The resident memory each pair model adds: `-- --pair-memory` (see PairPassLatency.Memory).
if (args.Length >= 1 && args[0] == "--pair-memory")
{
    PairPassLatency.Memory();
    return;
}

// The pair-model stage, float against int8 with float confirmation near the bar: `-- --pair-cascade [rounds]`.
if (args.Length >= 1 && args[0] == "--pair-cascade")
{
    PairInt8Variants.RunCascade(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
    return;
}

// The serving pair model's smoothing calibration (src/AgentFramework.Caching/Verification/PairModel/pair-model.calibration.json).
if (args.Length >= 1 && args[0] == "--pair-calibrate")
{
    PairInt8Variants.WriteCalibration();
    return;
}

var quick = args.Contains("--quick");
BenchmarkMode.Quick = quick;
var rest = args.Where(a => a != "--quick").ToArray();
var job = quick
    ? Job.ShortRun.WithWarmupCount(2).WithIterationCount(5).WithLaunchCount(1)
    : Job.Default.WithLaunchCount(1);
var config = DefaultConfig.Instance
    .WithOptions(ConfigOptions.JoinSummary | ConfigOptions.DisableOptimizationsValidator)
    .AddJob(job.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromHours(3), logOutput: true)));
BenchmarkSwitcher.FromAssembly(typeof(LookupBenchmarks).Assembly).Run(rest.Length == 0 ? ["--filter", "*"] : rest, config);
