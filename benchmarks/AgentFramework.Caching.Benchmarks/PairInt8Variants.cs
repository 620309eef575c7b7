using System.Diagnostics;
using System.Text.Json;
using AgentFramework.Caching.Verification;
using AgentFramework.Caching.Verification.PairModel;
using Microsoft.VisualBasic.FileIO;

namespace AgentFramework.Caching.Benchmarks;

/// <summary>
/// Which of the pair model's MatMuls can go int8: for each mixed-precision variant, how many decisions on the fixed
/// agent set (the one the tests use) agree with fp32 at the shipped bars, how far the logit moves, and the speed against
/// fp32 (interleaved rounds, same run, one thread each). The serving model stays as shipped; this only measures.
/// </summary>
internal static class PairInt8Variants
{
    private static readonly (string Name, Func<int, int, bool> Quantize)[] Variants =
    [
        ("every MatMul", (_, _) => true),
        ("all but the FFN output", (_, k) => k != 5),
        ("query/key/value + intermediate", (_, k) => k < 3 || k == 4),
        ("query/key/value only", (_, k) => k < 3),
        ("layers 0-1 (never trained)", (l, _) => l < 2),
        ("layers 0-4", (l, _) => l < 5),
    ];

    public static void Run(int rounds)
    {
        var root = RepoRoot();
        var pairs = AgentPairs(root);
        var baseModel = PairModelFiles.DefaultBaseModelPath;
        var deltaBytes = PairModelFiles.ReadEmbeddedDelta()!;
        var delta = PairModelDelta.Parse(deltaBytes, PairModelFiles.DeltaSha256);
        using var fp32 = PairModel.LoadFloat32(baseModel, deltaBytes);
        var reference = pairs.Select(p => fp32.Score(p.Asked, p.Stored)).ToArray();
        Console.WriteLine($"{pairs.Count} agent pairs; decisions at the overrule bar {DefaultVerifierSet.OverruleMinScore} and the lexical-accepted bar {DefaultVerifierSet.LexicalAcceptedMinScore} (score at cosine {PairModelVerifier.CosineCentre}); the tests require >= 99 % agreement");
        foreach (var (name, quantize) in Variants)
        {
            var path = Path.Combine(Path.GetTempPath(), $"agentframework-pair-variant-{Guid.NewGuid():N}.onnx");
            try
            {
                PairModelFiles.WriteInt8Variant(baseModel, delta, quantize, path);
                using var variant = PairModel.LoadVariant(path, baseModel, delta);
                var logits = pairs.Select(p => variant.Score(p.Asked, p.Stored)).ToArray();
                var high = Agreement(reference, logits, DefaultVerifierSet.OverruleMinScore);
                var low = Agreement(reference, logits, DefaultVerifierSet.LexicalAcceptedMinScore);
                var deltas = reference.Zip(logits, (a, b) => Math.Abs(a - b)).ToArray();

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
                        variant.Score(p.Asked, p.Stored);
                    }

                    variantTime.Stop();
                }

                Console.WriteLine($"// RESULT int8 {name,-32} agree {high}/{pairs.Count} at {DefaultVerifierSet.OverruleMinScore}, {low}/{pairs.Count} at {DefaultVerifierSet.LexicalAcceptedMinScore}; " +
                    $"mean |Δlogit| {deltas.Average():0.000}, max {deltas.Max():0.000}; fp32 time / variant time {(double)fp32Time.ElapsedTicks / variantTime.ElapsedTicks:0.00}x; load average {LoadAverage()}");
            }
            finally
            {
                File.Delete(path);
            }
        }
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

    private static IEnumerable<(string, string)> Csv(string path, int limit)
    {
        using var parser = new TextFieldParser(path) { HasFieldsEnclosedInQuotes = true };
        parser.SetDelimiters(",");
        parser.ReadFields();
        for (var count = 0; count < limit && parser.ReadFields() is { } fields; count++)
        {
            yield return (fields[0], fields[1]);
        }
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "AgentFramework.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Run from inside the repository: the fixed agent pairs are read from benchmarks/AgentFramework.CacheQuality/data.");
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
}
