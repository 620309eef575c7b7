using System.Diagnostics;
using System.Text.Json;
using AgentFramework.Caching.Verification;
using AgentFramework.Caching.Verification.PairModel;
using AgentFramework.Testing;

namespace AgentFramework.Caching.Benchmarks;

/// <summary>
/// Which of the pair model's MatMuls can go int8: for each mixed-precision variant, how many decisions on the fixed
/// agent set (the one the tests use) agree with fp32 at the shipped bars, how far the logit moves, and the speed against
/// fp32 (interleaved rounds, same run, one thread each), and the same agreement on 1,000 qqp-dev pairs with cosine
/// >= 0.70 drawn with a fixed seed (decided at each pair's own cosine). Smoothed variants are calibrated on 400 pairs of
/// tools/PairVerifierTraining/data, none of them in either measured set. The serving model stays as shipped; this only measures.
/// <c>-- --pair-int8 [rounds] [name filter]</c>.
/// </summary>
internal static class PairInt8Variants
{
    private const int QqpCount = 1000;
    private const double QqpMinCosine = 0.70;
    private const int Seed = 20261207;

    /// <summary>A variant: which MatMuls go int8, the smoothing strength (null: none), which of them are smoothed, the int8 weight range.</summary>
    private sealed record Variant(string Name, Func<int, int, bool> Quantize, double? Alpha = null, Func<int, int, bool>? Smooth = null, int WeightLevels = 127, bool PerToken = false);

    private static readonly Variant[] Variants =
    [
        new("every MatMul", (_, _) => true),
        new("all but the FFN output", (_, k) => k != 5),
        new("query/key/value only", (_, k) => k < 3),
        new("query/key/value + intermediate", (_, k) => k < 3 || k == 4),
        new("every MatMul, 7-bit weights", (_, _) => true, WeightLevels: 63),
        new("every MatMul, smooth 0.3", (_, _) => true, 0.3),
        new("every MatMul, smooth 0.5", (_, _) => true, 0.5),
        new("every MatMul, smooth 0.65", (_, _) => true, 0.65),
        new("every MatMul, smooth 0.8", (_, _) => true, 0.8),
        new("every MatMul, smooth 0.9", (_, _) => true, 0.9),
        new("every MatMul, smooth 0.5, 7-bit", (_, _) => true, 0.5, WeightLevels: 63),
        new("all but FFN output, smooth 0.5", (_, k) => k != 5, 0.5),
        new("all but FFN output, smooth 0.8", (_, k) => k != 5, 0.8),
        new("all but FFN output, smooth 0.9", (_, k) => k != 5, 0.9),
        new("query/key/value only, smooth 0.8", (_, k) => k < 3, 0.8),
        new("query/key/value + intermediate, smooth 0.8", (_, k) => k < 3 || k == 4, 0.8),
        new("all but layer 0 FFN output, smooth 0.8", (l, k) => !(l == 0 && k == 5), 0.8),
        new("all but layer 1 FFN output, smooth 0.8", (l, k) => !(l == 1 && k == 5), 0.8),
        new("all but layer 2 FFN output, smooth 0.8", (l, k) => !(l == 2 && k == 5), 0.8),
        new("all but layer 3 FFN output, smooth 0.8", (l, k) => !(l == 3 && k == 5), 0.8),
        new("all but layer 4 FFN output, smooth 0.8", (l, k) => !(l == 4 && k == 5), 0.8),
        new("all but layer 5 FFN output, smooth 0.8", (l, k) => !(l == 5 && k == 5), 0.8),
        new("per token, every MatMul", (_, _) => true, PerToken: true),
        new("per token, every MatMul, smooth 0.5", (_, _) => true, 0.5, PerToken: true),
        new("per token, every MatMul, smooth 0.65", (_, _) => true, 0.65, PerToken: true),
        new("per token, all but the FFN output", (_, k) => k != 5, PerToken: true),
        new("per token, every MatMul, smooth 0.8", (_, _) => true, 0.8, PerToken: true),
        new("per token, all but the FFN output, smooth 0.5", (_, k) => k != 5, 0.5, PerToken: true),
        new("per token, all but the FFN output, smooth 0.65", (_, k) => k != 5, 0.65, PerToken: true),
        new("per token, all but the FFN output, smooth 0.8", (_, k) => k != 5, 0.8, PerToken: true),
    ];

    /// <summary>Measures every variant whose name contains <paramref name="filter"/> (all when null).</summary>
    public static void Run(int rounds, string? filter = null)
    {
        var root = TestPaths.RepoRoot;
        var pairs = AgentPairs(root);
        var baseModel = PairModelFiles.DefaultBaseModelPath;
        var deltaBytes = PairModelFiles.ReadEmbeddedDelta()!;
        var delta = PairModelDelta.Parse(deltaBytes, PairModelFiles.DeltaSha256);
        var fp32Bytes = PairModelFiles.BuildFloat32(baseModel, delta);
        using var fp32 = PairModel.LoadFloat32(baseModel, deltaBytes);
        var reference = pairs.Select(p => fp32.Score(p.Asked, p.Stored)).ToArray();
        Console.WriteLine($"{pairs.Count} agent pairs; decisions at the overrule bar {DefaultVerifierSet.OverruleMinScore} and the lexical-accepted bar {DefaultVerifierSet.LexicalAcceptedMinScore} (score at cosine {PairModelVerifier.CosineCentre}); the tests require >= 99 % agreement");

        var qqp = QqpPairs();
        var qqpReference = qqp.Select(p => fp32.Score(p.Asked, p.Stored)).ToArray();
        Console.WriteLine($"{qqp.Count} qqp-dev pairs with fp32 cosine >= {QqpMinCosine} (seed {Seed}); decisions at both bars with each pair's own cosine");

        // A third set nothing is chosen on: the training tool's agent pairs past the calibration rows.
        var holdout = HoldoutPairs(root);
        var holdoutReference = holdout.Select(p => fp32.Score(p.Asked, p.Stored)).ToArray();
        Console.WriteLine($"{holdout.Count} pairs of tools/PairVerifierTraining/data past the calibration rows (a check, not used to choose)");

        // Calibration: pairs from the training tool's own data, none of them in either measured set.
        var measured = pairs.Concat(qqp.Select(p => (p.Asked, p.Stored))).Select(p => p.Asked + "\n" + p.Stored).ToHashSet(StringComparer.Ordinal);
        var calibration = CalibrationPairs(root).Where(p => !measured.Contains(p.Asked + "\n" + p.Stored)).ToList();
        var started = Stopwatch.StartNew();
        var maxima = PairModelSmoothing.Calibrate(fp32Bytes, calibration.Select(p => fp32.Encode(p.Asked, p.Stored)));
        Console.WriteLine($"calibrated on {calibration.Count} pairs from tools/PairVerifierTraining/data in {started.ElapsedMilliseconds} ms");

        foreach (var variant in Variants.Where(v => filter is null || v.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)))
        {
            var path = Path.Combine(Path.GetTempPath(), $"agentframework-pair-variant-{Guid.NewGuid():N}.onnx");
            try
            {
                var graph = fp32Bytes;
                if (variant.Alpha is { } alpha)
                {
                    graph = PairModelSmoothing.Smooth(fp32Bytes, maxima, alpha, variant.Smooth ?? variant.Quantize);
                    using var smoothed = PairModel.LoadVariant(graph, baseModel, delta);
                    var drift = pairs.Max(p => Math.Abs(smoothed.Score(p.Asked, p.Stored) - fp32.Score(p.Asked, p.Stored)));
                    Console.WriteLine($"   smoothed fp32 graph (alpha {alpha}): max |Δlogit| vs fp32 {drift:0.0e0} on the agent pairs");
                }

                PairModelFiles.WriteInt8Variant(graph, variant.Quantize, path, variant.WeightLevels, variant.PerToken);
                using var model = PairModel.LoadVariant(path, baseModel, delta);
                var logits = pairs.Select(p => model.Score(p.Asked, p.Stored)).ToArray();
                var deltas = reference.Zip(logits, (a, b) => Math.Abs(a - b)).ToArray();
                var qqpLogits = qqp.Select(p => model.Score(p.Asked, p.Stored)).ToArray();
                var qqpDeltas = qqpReference.Zip(qqpLogits, (a, b) => Math.Abs(a - b)).ToArray();
                var cosines = qqp.Select(p => p.Cosine).ToArray();
                var holdoutLogits = holdout.Select(p => model.Score(p.Asked, p.Stored)).ToArray();

                // Interleaved rounds: the fp32 and the variant share the load of the moment.
                var fp32Time = new Stopwatch();
                var variantTime = new Stopwatch();
                for (var r = 0; r < rounds; r++)
                {
                    fp32Time.Start();
                    foreach (var p in pairs)
                    {
                        fp32.Score(p.Asked, p.Stored);
                    }

                    fp32Time.Stop();
                    variantTime.Start();
                    foreach (var p in pairs)
                    {
                        model.Score(p.Asked, p.Stored);
                    }

                    variantTime.Stop();
                }

                Console.WriteLine($"// RESULT int8 {variant.Name,-40} agent agree {Agreement(reference, logits, DefaultVerifierSet.OverruleMinScore)}/{pairs.Count} at {DefaultVerifierSet.OverruleMinScore}, " +
                    $"{Agreement(reference, logits, DefaultVerifierSet.LexicalAcceptedMinScore)}/{pairs.Count} at {DefaultVerifierSet.LexicalAcceptedMinScore}; mean |Δlogit| {deltas.Average():0.000}, max {deltas.Max():0.000}; " +
                    $"qqp agree {Agreement(qqpReference, qqpLogits, cosines, DefaultVerifierSet.OverruleMinScore)}/{qqp.Count}, {Agreement(qqpReference, qqpLogits, cosines, DefaultVerifierSet.LexicalAcceptedMinScore)}/{qqp.Count}; " +
                    $"mean |Δlogit| {qqpDeltas.Average():0.000}, max {qqpDeltas.Max():0.000}; " +
                    $"tools agree {Agreement(holdoutReference, holdoutLogits, DefaultVerifierSet.OverruleMinScore)}/{holdout.Count}, {Agreement(holdoutReference, holdoutLogits, DefaultVerifierSet.LexicalAcceptedMinScore)}/{holdout.Count}; " +
                    $"fp32 time / variant time {(double)fp32Time.ElapsedTicks / variantTime.ElapsedTicks:0.00}x ({fp32Time.ElapsedMilliseconds / (double)(rounds * pairs.Count):0.00} vs {variantTime.ElapsedMilliseconds / (double)(rounds * pairs.Count):0.00} ms a pass); load average {MachineLoad.Averages()}");
            }
            finally
            {
                File.Delete(path);
            }
        }
    }

    /// <summary>
    /// The pair-model stage as the cache runs it, float against int8-with-float-confirmation
    /// (<c>UseInt8PairModel</c>), over the same 1,000 qqp candidates and the 242 agent pairs: identical verdicts, how many
    /// candidates needed the float pass, and the stage's time per candidate, interleaved (<c>-- --pair-cascade [rounds]</c>).
    /// </summary>
    public static void RunCascade(int rounds)
    {
        var root = TestPaths.RepoRoot;
        var standard = (PairModelVerifier)DefaultVerifierSet.Create(null, usePairModel: true)[1];
        var cascade = (PairModelVerifier)DefaultVerifierSet.Create(null, usePairModel: true, int8PairModel: true)[1];
        var sets = new[]
        {
            ("qqp", QqpPairs().Select(p => new CacheHitCandidate(p.Asked, p.Stored, p.Cosine, 0.70)).ToArray()),
            ("agent", AgentPairs(root).Select(p => new CacheHitCandidate(p.Asked, p.Stored, PairModelVerifier.CosineCentre, 0.70)).ToArray()),
        };
        foreach (var (name, candidates) in sets)
        {
            var expected = candidates.Select(c => standard.Verify(c)).ToArray();
            var actual = candidates.Select(c => cascade.Verify(c)).ToArray();
            var same = expected.Zip(actual).Count(v => v.First.Accepted == v.Second.Accepted);
            var passes = actual.Count(v => v.Reason?.Contains("logit=", StringComparison.Ordinal) == true);
            var confirmed = actual.Count(v => v.Reason?.Contains("(float)", StringComparison.Ordinal) == true);
            var standardTime = new Stopwatch();
            var cascadeTime = new Stopwatch();
            for (var r = 0; r < rounds; r++)
            {
                standardTime.Start();
                foreach (var c in candidates)
                {
                    standard.Verify(c);
                }

                standardTime.Stop();
                cascadeTime.Start();
                foreach (var c in candidates)
                {
                    cascade.Verify(c);
                }

                cascadeTime.Stop();
            }

            Console.WriteLine($"// RESULT cascade {name}: {candidates.Length} candidates, same verdict {same}/{candidates.Length}; model passes {passes}, of which confirmed by the float model {confirmed} ({100.0 * confirmed / Math.Max(1, passes):0.0} %); " +
                $"stage time per candidate float {standardTime.Elapsed.TotalMilliseconds / (rounds * candidates.Length):0.000} ms, int8 + confirmation {cascadeTime.Elapsed.TotalMilliseconds / (rounds * candidates.Length):0.000} ms " +
                $"({cascadeTime.Elapsed.TotalMilliseconds / standardTime.Elapsed.TotalMilliseconds:0.00}x); load average {MachineLoad.Averages()}");
        }
    }

    private static int Agreement(float[] reference, float[] logits, double[] cosines, double bar) =>
        Enumerable.Range(0, reference.Length).Count(i => Decision(reference[i], cosines[i], bar) == Decision(logits[i], cosines[i], bar));

    private static bool Decision(float logit, double cosine, double bar) =>
        PairModelVerifier.Combine(logit, cosine, PairModelVerifier.DefaultCosineWeight) >= bar;

    /// <summary>
    /// <see cref="QqpCount"/> pairs of ../shared/data/cache-eval/qqp-dev.csv (or $AGENTFRAMEWORK_SHARED_DATA) in a fixed shuffled order
    /// whose fp32 embedding cosine reaches <see cref="QqpMinCosine"/> (the pairs a cache would verify).
    /// </summary>
    private static List<(string Asked, string Stored, double Cosine)> QqpPairs()
    {
        var rows = Csv(TestPaths.SharedFile("cache-eval", "qqp-dev.csv"), int.MaxValue).ToList();
        var random = new Random(Seed);
        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(rows));
        using var embedder = new AgentFramework.Embeddings.Onnx.OnnxEmbeddingGenerator(new AgentFramework.Embeddings.Onnx.OnnxEmbeddingOptions { Precision = AgentFramework.Embeddings.Onnx.EmbeddingPrecision.Float32 });
        var chosen = new List<(string, string, double)>();
        foreach (var (a, b) in rows)
        {
            var cosine = System.Numerics.Tensors.TensorPrimitives.CosineSimilarity(embedder.Embed(a), embedder.Embed(b));
            if (cosine >= QqpMinCosine)
            {
                chosen.Add((a, b, cosine));
                if (chosen.Count == QqpCount)
                {
                    break;
                }
            }
        }

        return chosen;
    }

    /// <summary>The calibration pairs' files (relative to the repository root) and how many rows of each.</summary>
    private static readonly string[] CalibrationFiles =
    [
        "tools/PairVerifierTraining/data/agent-dev.csv",
        "tools/PairVerifierTraining/data/agent-dev-2.csv",
        "tools/PairVerifierTraining/data/minimal-prompts.csv",
        "tools/PairVerifierTraining/data/statements-infra.csv",
    ];

    private const int CalibrationRows = 100;

    /// <summary>Calibration pairs: the first 100 rows of four of the training tool's data files.</summary>
    private static List<(string Asked, string Stored)> CalibrationPairs(string root) =>
        CalibrationFiles.SelectMany(f => Csv(Path.Combine(root, f), CalibrationRows)).ToList();

    /// <summary>
    /// Measures the shipped model's activation maxima on the calibration pairs and writes them where the Caching package
    /// embeds them (<c>-- --pair-calibrate</c>; run it after shipping a new delta).
    /// </summary>
    public static void WriteCalibration()
    {
        var root = TestPaths.RepoRoot;
        var baseModel = PairModelFiles.DefaultBaseModelPath;
        var deltaBytes = PairModelFiles.ReadEmbeddedDelta()!;
        var delta = PairModelDelta.Parse(deltaBytes, PairModelFiles.DeltaSha256);
        using var fp32 = PairModel.LoadFloat32(baseModel, deltaBytes);
        var pairs = CalibrationPairs(root);
        var maxima = PairModelSmoothing.Calibrate(PairModelFiles.BuildFloat32(baseModel, delta), pairs.Select(p => fp32.Encode(p.Asked, p.Stored)));
        var calibration = new PairModelCalibration { DeltaSha256 = delta.Sha256, Files = CalibrationFiles, RowsPerFile = CalibrationRows, Maxima = maxima };
        var path = Path.Combine(root, "src", "AgentFramework.Caching", "Verification", "PairModel", "pair-model.calibration.json");
        File.WriteAllBytes(path, calibration.ToUtf8());
        Console.WriteLine($"wrote {path}: {maxima.Count} MatMul inputs, {pairs.Count} pairs, delta {delta.Sha256[..16]}");
    }

    /// <summary>Rows 101 on of agent-dev.csv and agent-dev-2.csv (the first 100 calibrate) and all of agent-light.csv.</summary>
    private static List<(string Asked, string Stored)> HoldoutPairs(string root)
    {
        var data = Path.Combine(root, "tools", "PairVerifierTraining", "data");
        return Csv(Path.Combine(data, "agent-dev.csv"), int.MaxValue).Skip(100)
            .Concat(Csv(Path.Combine(data, "agent-dev-2.csv"), int.MaxValue).Skip(100))
            .Concat(Csv(Path.Combine(data, "agent-light.csv"), int.MaxValue)).ToList();
    }

    private static int Agreement(float[] reference, float[] logits, double bar) =>
        reference.Zip(logits).Count(p => Decision(p.First, bar) == Decision(p.Second, bar));

    private static bool Decision(float logit, double bar) =>
        PairModelVerifier.Combine(logit, PairModelVerifier.CosineCentre, PairModelVerifier.DefaultCosineWeight) >= bar;

    /// <summary>agent-slots.csv, rows 1-150 of agent-holdout.csv (rows 151-300 are the never-inspected half) and the reference pairs.</summary>
    private static List<(string Asked, string Stored)> AgentPairs(string root)
    {
        var data = Path.Combine(root, "benchmarks", "AgentFramework.CacheQuality", "data");
        var pairs = Csv(Path.Combine(data, "agent-slots.csv"), int.MaxValue).Concat(Csv(Path.Combine(data, "agent-holdout.csv"), 150)).ToList();
        using var reference = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "tests", "AgentFramework.Caching.Tests", "Verification", "PairModel", "pair-model.reference.json")));
        pairs.AddRange(reference.RootElement.GetProperty("pairs").EnumerateArray().Select(p => (p.GetProperty("asked").GetString()!, p.GetProperty("stored").GetString()!)));
        return pairs;
    }

    /// <summary>The first <paramref name="limit"/> pairs of a pair CSV, read by the harness's reader.</summary>
    private static IEnumerable<(string, string)> Csv(string path, int limit) =>
        PairCsv.Read(path).Take(limit).Select(p => (p.Query, p.Cached));
}
